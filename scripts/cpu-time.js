/**
 * The CPU time a test run used: this process's and that of every descendant it waited for (the kernel adds a child's
 * time, with that of its own waited-for children, to its parent's when the parent reaps it), read from Linux's
 * /proc/self/stat. scripts/test.js prints it beside each part's wall time: on 2 cores the engine tier is CPU-bound,
 * so its wall time follows the CPU its engine runs need, and CPU over wall says how many cores were busy. Two runs of
 * the same commit that differ in wall time show here whether the machine was slower (more CPU seconds for the same
 * work) or idle (fewer cores busy).
 */
"use strict";
const fs = require("fs");

/** Clock ticks per second of /proc's times: USER_HZ, fixed at 100 for user space on Linux (sysconf(_SC_CLK_TCK)). */
const USER_HZ = 100;

/**
 * Seconds of CPU (user + system) of a process and of its waited-for descendants, from the text of its
 * /proc/PID/stat. The command name (field 2) may hold spaces and parentheses, so fields are counted after its last
 * ")": there field 3 (state) is the first, and utime, stime, cutime, cstime are fields 14-17.
 */
function cpuSecondsOfStat(text) {
    const rest = text.slice(text.lastIndexOf(")") + 2).trim().split(/\s+/);
    const ticks = rest.slice(11, 15).map(Number);
    if (ticks.length !== 4 || ticks.some((t) => !Number.isFinite(t))) throw new Error(`not a /proc/PID/stat line: ${text.slice(0, 80)}`);
    return ticks.reduce((a, b) => a + b, 0) / USER_HZ;
}

/** This process's CPU seconds with its waited-for descendants'; undefined where there is no /proc (not Linux). */
function treeCpuSeconds() {
    let text;
    try {
        text = fs.readFileSync("/proc/self/stat", "utf8");
    } catch {
        return undefined;
    }
    return cpuSecondsOfStat(text);
}

module.exports = { USER_HZ, cpuSecondsOfStat, treeCpuSeconds };
