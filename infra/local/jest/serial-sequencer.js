// The serial pass's order: by path, the restart test last. It now kills servers of its own
// (infra/local/restart-test-servers.ts); when it restarted the shared Kafka, the broker answered the next
// suite's first admin call with "does not host this topic-partition" (CI, twice): last, nothing follows it. (A sequencer of our own: Jest's default one
// is not a dependency of this project, only of Jest.)
const restartsServers = (test) => test.path.endsWith('restart.serial-spec.ts');

class SerialSequencer {
  sort(tests) {
    const ordered = [...tests].sort((a, b) => a.path.localeCompare(b.path));
    return [...ordered.filter((test) => !restartsServers(test)), ...ordered.filter(restartsServers)];
  }

  /** Every test of the pass runs each time: nothing to remember between runs. */
  cacheResults() {}

  allFailedTests(tests) {
    return tests;
  }
}

module.exports = SerialSequencer;
