#!/usr/bin/env node
// STUB: replaced by the drift/plan command.
process.stderr.write("pulumi-telephony: not implemented yet\n");
process.exit(1);
