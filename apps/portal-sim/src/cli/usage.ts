export const USAGE = `usage: portal-sim --portal <portalId> <command> …

  listen [--from-beginning] [--types <type>[,<type>…]] [--max-seconds <s>] [--max-events <n>] [--json]
      Prints the public events this portal may read (sanshe.<context>.events) and the replies on
      sanshe.portal.<portalId>.replies, one line each, until Ctrl-C (or a bound). A type ending in * is a prefix.

  send <kind> [--as <partyId>] [--timeout <s>] [--json] …
      Builds the command (source portal/<portalId>, castBy portal:<portalId> or --as), checks it against its
      contract, writes it to sanshe.portal.<portalId>.commands and waits for its reply (30 s by default).
      arbitrate        --decision <id> --outcome approved|rejected --reason <text> [--arbiter <partyId>]
      vote             --decision <id> --choice approve|object|abstain [--reason-code <code> --reason <text>]
                       [--round <n>] [--party <partyId>]
      call-in          --decision <id> --proposal <id> --reason-code <code> --reason <text> [--party <partyId>]
      confirm-payment  --payment <id> --grant <id> --tranche <n> --rail-reference <ref> [--confirmed-at <instant>]
      set-policy       --file <policy.json>                   (the policy, as PUT /policies/{policyId} takes it)
      open-program     --program <programId> --file <program.json>  (as PUT /programs/{programId} takes it)
      request-report   --kind decisions|disbursements --from <yyyy-mm-dd> --to <yyyy-mm-dd>

  inbox [--party <partyId>]… [--token <jwt>] [--governance-url <url>] [--json]
      Lists the open decisions waiting on portal:<portalId> (and each --party) from governance's
      GET /parties/{partyId}/pending. The token: --token or SANSHE_TOKEN; governance: --governance-url or
      GOVERNANCE_URL (default http://127.0.0.1:3105).

Kafka: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_TOPIC_PREFIX (the services' own, default none),
KAFKA_SASL_MECHANISM/USERNAME/PASSWORD, KAFKA_SSL, KAFKA_SSL_CA_FILE.
exit: 0 done or accepted, 1 rejected, 2 usage or refused locally (nothing sent), 3 no reply in time,
      4 Kafka or governance unreachable or refusing the caller`;
