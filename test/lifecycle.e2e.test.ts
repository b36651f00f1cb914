/**
 * The lifecycle every registered resource passes on the real engine (test/lifecycle.ts), all kinds in one stack:
 * each step is one engine run for every kind, and each kind is checked on its own.
 */
import { RESOURCES } from "../provider/registry";
import { describeLifecycles } from "./lifecycle";

describeLifecycles(RESOURCES);
