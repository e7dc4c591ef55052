// CPU time of the Chromium processes this script started, from Linux's /proc (null elsewhere), so the bench
// can say how fast a run could have been on this machine's cores given the CPU it used.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux's common builds). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU-seconds of every live `chromium` process descended from this one. */
export function chromiumCpuSeconds() {
  let entries;
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const processes = new Map();
  for (const pid of entries) {
    try {
      // Fields after the parenthesised command: state, ppid, … utime is the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(Number(pid), {
        command,
        parent: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const descends = (pid) => {
    for (let at = processes.get(pid); at; at = processes.get(at.parent)) if (at.parent === process.pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, { command, ticks: own }] of processes) if (command === 'chromium' && descends(pid)) ticks += own;
  return ticks / TICKS_PER_SECOND;
}

/**
 * CPU-seconds of Chromium's threads by process type and thread name, summed over every chromium process:
 * `renderer/chromium` is the pages' main threads (a process's first thread keeps its name),
 * `renderer/DedicatedWorker` their workers, `browser/…` the browser process (IndexedDB runs in its
 * thread pool). Null where /proc is missing.
 */
export function chromiumThreadCpu() {
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const byName = {};
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'chromium') continue;
      const type = /--type=([a-z-]+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))?.[1] ?? 'browser';
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const thread = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = thread.slice(thread.indexOf('(') + 1, thread.lastIndexOf(')'));
        const fields = thread.slice(thread.lastIndexOf(')') + 2).split(' ');
        const key = `${type}/${name}`;
        byName[key] = (byName[key] ?? 0) + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      }
    } catch {
      // The process or thread ended between the listing and the read.
    }
  }
  return byName;
}

/** What each thread name used between two chromiumThreadCpu() readings, largest first. */
export function threadCpuSpent(before, after) {
  if (!before || !after) return null;
  const spent = Object.entries(after).map(([name, s]) => [name, +(s - (before[name] ?? 0)).toFixed(2)]);
  return Object.fromEntries(spent.filter(([, s]) => s > 0.05).sort((a, b) => b[1] - a[1]));
}
