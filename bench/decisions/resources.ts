import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux clock ticks per second for /proc/<pid>/stat (USER_HZ, 100 on every mainstream Linux build). */
const USER_HZ = 100;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; undefined if unreadable. */
function cpuSecondsOfPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return undefined;
  }
}

/** Microseconds some task stalled on I/O since boot (/proc/pressure/io, PSI); undefined without PSI. */
function ioStallMicros(): number | undefined {
  try {
    const match = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/io', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a phase's time went: CPU of this process and of the dev server (in cores, 1.0 = one core busy)
 * and the share of wall time some task was stalled on I/O. Figures that cannot be read are left out.
 */
export class ResourceMeter {
  private readonly wall0 = performance.now();
  private readonly self0 = process.cpuUsage();
  private readonly server0: number | undefined;
  private readonly io0 = ioStallMicros();

  constructor(private readonly serverPid: number | undefined) {
    this.server0 = serverPid === undefined ? undefined : cpuSecondsOfPid(serverPid);
  }

  describe(): string {
    const wallS = (performance.now() - this.wall0) / 1000;
    const self = process.cpuUsage(this.self0);
    const parts = [`this process ${((self.user + self.system) / 1e6 / wallS).toFixed(2)} cores`];
    const server = this.serverPid === undefined ? undefined : cpuSecondsOfPid(this.serverPid);
    if (server !== undefined && this.server0 !== undefined) {
      parts.push(`Temporal dev server ${((server - this.server0) / wallS).toFixed(2)} cores`);
    }
    const io = ioStallMicros();
    const ioText =
      io !== undefined && this.io0 !== undefined
        ? `; I/O pressure: some task stalled on I/O ${(((io - this.io0) / 1e6 / wallS) * 100).toFixed(0)}% of the time`
        : '';
    return `CPU over ${wallS.toFixed(1)} s (of ${availableParallelism()} cores): ${parts.join(', ')}${ioText}`;
  }
}
