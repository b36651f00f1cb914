// sdkgen generates SDKs of the provider plugin pulumi-resource-telephony from its package schema, with Pulumi's own
// code generators (github.com/pulumi/pulumi/pkg/v3/codegen). `pulumi package gen-sdk` would need each language's
// host plugin; the generators themselves are plain Go libraries. scripts/gen-sdk.js builds and runs this program.
//
//	sdkgen -schema schema.json -out DIR [-go-import-base PATH] [-languages go,python]
//
// The schema is first bound with validation (BindSpec), so a schema Pulumi would refuse fails here. Each language's
// files go to DIR/<language>/.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// loader serves Pulumi's built-in package only: the telephony schema refers to no other package.
type loader struct{}

func (loader) LoadPackage(pkg string, version *semver.Version) (*schema.Package, error) {
	return loader{}.LoadPackageV2(context.Background(), &schema.PackageDescriptor{Name: pkg, Version: version})
}

func (loader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	if d.Name == "pulumi" {
		return schema.DefaultPulumiPackage, nil
	}
	return nil, fmt.Errorf("the telephony schema refers to package %q, which sdkgen does not load", d.Name)
}

func (l loader) LoadPackageReference(pkg string, version *semver.Version) (schema.PackageReference, error) {
	return l.LoadPackageReferenceV2(context.Background(), &schema.PackageDescriptor{Name: pkg, Version: version})
}

func (l loader) LoadPackageReferenceV2(ctx context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	p, err := l.LoadPackageV2(ctx, d)
	if err != nil {
		return nil, err
	}
	return p.Reference(), nil
}

func write(dir string, files map[string][]byte) error {
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func run() error {
	schemaPath := flag.String("schema", "", "the package schema (JSON), as `pulumi package get-schema` prints it")
	out := flag.String("out", "", "the folder that receives one folder per language")
	importBase := flag.String("go-import-base", "", "the Go SDK's import path (its module path plus /telephony)")
	languages := flag.String("languages", "go,python", "the languages to generate")
	flag.Parse()
	if *schemaPath == "" || *out == "" {
		return errors.New("usage: sdkgen -schema schema.json -out DIR [-go-import-base PATH] [-languages go,python]")
	}
	raw, err := os.ReadFile(*schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", *schemaPath, err)
	}
	if *importBase != "" {
		goInfo := map[string]any{}
		if prior, ok := spec.Language["go"]; ok {
			if err := json.Unmarshal(prior, &goInfo); err != nil {
				return err
			}
		}
		goInfo["importBasePath"] = *importBase
		if spec.Language["go"], err = json.Marshal(goInfo); err != nil {
			return err
		}
	}
	pkg, diags, err := schema.BindSpec(spec, loader{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("the schema does not bind: %s", diags.Error())
	}
	for _, language := range strings.Split(*languages, ",") {
		var files map[string][]byte
		switch language {
		case "go":
			files, err = gogen.GeneratePackage("pulumi-telephony-sdkgen", pkg, nil)
		case "python":
			files, err = python.GeneratePackage("pulumi-telephony-sdkgen", pkg, nil, loader{})
		default:
			return fmt.Errorf("sdkgen generates go and python, not %q", language)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		if err := write(filepath.Join(*out, language), files); err != nil {
			return err
		}
		fmt.Printf("%s: %d files\n", language, len(files))
	}
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "sdkgen: %v\n", err)
		os.Exit(1)
	}
}
