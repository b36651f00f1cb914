// A minimal Node.js language host for the Pulumi engine.
//
// Why this exists: the real one (module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
// has no tags, and the Go module proxy our machines reach refuses it at every commit, so it cannot be built
// here. This program stands in for it, and only for it: the engine (`pulumi`), the SDK that runs the program
// (@pulumi/pulumi's own cmd/run), and the dynamic-provider host are all the real ones. It implements the
// LanguageRuntime calls that `preview`, `up`, `refresh` and `destroy` make, the way the real host does:
// spawn `node <@pulumi/pulumi>/cmd/run` with the engine's flags and the stack config in PULUMI_CONFIG.
// It also runs Node.js policy packs (`pulumi preview --policy-pack DIR`) through RunPlugin, as the real host does.
// Where a machine has a released Pulumi CLI on PATH, scripts/pulumi-cli.js uses that instead.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
)

var version = "dev"

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

// Plugins come from PATH or beside the CLI; nothing is acquired automatically.
func (h *host) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *host) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, _ := exec.LookPath("node")
	return &pulumirpc.AboutResponse{Executable: node}, nil
}

// Dependencies are installed by npm, not by the engine.
func (h *host) InstallDependencies(*pulumirpc.InstallDependenciesRequest, grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	return nil
}

func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	programDir := req.GetPwd()
	entry := "."
	if info != nil {
		if info.GetProgramDirectory() != "" {
			programDir = info.GetProgramDirectory()
		}
		if info.GetEntryPoint() != "" {
			entry = info.GetEntryPoint()
		}
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH"}, nil
	}
	// Resolve the SDK's runner from the program folder, as the program itself would resolve @pulumi/pulumi.
	out, err := exec.Command(node, "-p", "require.resolve('@pulumi/pulumi/cmd/run')").Output()
	if err != nil {
		return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed. Have you run npm install?"}, nil
	}
	runPath := strings.TrimSpace(string(out))

	args := []string{runPath}
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", programDir)
	if info != nil {
		add("root-directory", info.GetRootDirectory())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", fmt.Sprint(req.GetParallel()))
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(req.GetConfigSecretKeys())
	if err != nil {
		return nil, err
	}
	typescript := "true"
	if info != nil && info.GetOptions() != nil {
		if v, ok := info.GetOptions().AsMap()["typescript"].(bool); ok && !v {
			typescript = "false"
		}
	}
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = programDir
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys),
		"PULUMI_NODEJS_TYPESCRIPT="+typescript,
	)
	if err := cmd.Run(); err != nil {
		if exitErr, ok := err.(*exec.ExitError); ok {
			// The SDK has already reported the program's error through the engine; bail without repeating it.
			if exitErr.ExitCode() == 32 {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run node): %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin starts a plugin written in Node.js. The engine calls it for a policy pack folder (kind "analyzer",
// `pulumi preview --policy-pack DIR`, Info.ProgramDirectory = DIR) and reads the analyzer's gRPC port from the
// streamed stdout. Like the real host (sdk/nodejs/cmd/pulumi-language-nodejs RunPlugin):
//   - the runner is @pulumi/pulumi/cmd/run-policy-pack, resolved from the pack's folder upwards (so a pack inside
//     node_modules/<package>/ finds the program's SDK), started as `node <runner> <engine args…> <pack dir>` in
//     the pack's folder with the engine's environment;
//   - the SDK's PolicyProxy answers the engine first: it prints its own port, receives ConfigureStack, and only then
//     is the pack started, with the stack's project, stack name and configuration in PULUMI_NODEJS_* and
//     PULUMI_CONFIG (how a pack reads stack config); the proxy then reads the pack's port and forwards every call.
//
// Other plugin kinds (resource providers, tools written in Node.js) are not needed here and are refused clearly.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.GetKind() != "analyzer" {
		return status.Errorf(codes.Unimplemented,
			"this stand-in Node.js language host runs only policy packs (kind analyzer), not %q plugins", req.GetKind())
	}
	ctx := server.Context()
	info := req.GetInfo()
	if info == nil || info.GetProgramDirectory() == "" {
		return errors.New("RunPlugin: the engine sent no program directory for the policy pack")
	}
	packDir := info.GetProgramDirectory()

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	node, err := exec.LookPath("node")
	if err != nil {
		return errors.New("could not find node on the PATH")
	}
	resolve := exec.CommandContext(ctx, node, "-p",
		`require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [process.argv[1]] })`, packDir)
	resolve.Dir = packDir
	out, err := resolve.Output()
	if err != nil {
		return fmt.Errorf("it looks like the policy pack's dependencies are not installed: @pulumi/pulumi is not "+
			"resolvable from %s; run npm install there or in a parent folder", packDir)
	}
	runPath := strings.TrimSpace(string(out))

	env := req.GetEnv()
	typescript := true
	if opts := info.GetOptions(); opts != nil {
		if v, ok := opts.AsMap()["typescript"].(bool); ok {
			typescript = v
		}
	}
	if typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}

	proxy, packStdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	config, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}
	if config != nil {
		add := func(k, v string) {
			if v != "" {
				env = append(env, k+"="+v)
			}
		}
		add("PULUMI_NODEJS_ORGANIZATION", config.GetOrganization())
		add("PULUMI_NODEJS_PROJECT", config.GetProject())
		add("PULUMI_NODEJS_STACK", config.GetStack())
		add("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(config.GetDryRun()))
		if config.GetConfig() != nil {
			b, err := json.Marshal(config.GetConfig())
			if err != nil {
				return fmt.Errorf("could not marshal stack configuration: %w", err)
			}
			add("PULUMI_CONFIG", string(b))
		}
	}

	// The engine's arguments (its address) first, the pack's folder last: what run-policy-pack expects.
	args := append([]string{runPath}, req.GetArgs()...)
	args = append(args, packDir)
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = packDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = packStdout, stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not start the policy pack with node: %w", err)
	}
	// Attach waits for the pack's port, connects, forwards the stack configuration, and returns when it exits.
	if err := proxy.Attach(ctx, cmd); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exitErr.ExitCode())
		}
		return err
	}
	return closer.Close()
}

func main() {
	// The engine passes flags such as -root=DIR and -tracing=URL before the engine address; keep the last
	// positional argument.
	var engineAddress string
	for _, a := range os.Args[1:] {
		if !strings.HasPrefix(a, "-") {
			engineAddress = a
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{engineAddress: engineAddress})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start language host RPC server: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "language host RPC stopped serving: %v\n", err)
		os.Exit(1)
	}
}
