import type { OptionDecl } from '../settings.ts';

/** Every setting of a run that does not belong to one target. */
export const COMMON_OPTIONS: readonly OptionDecl[] = [
  { key: 'target', flag: 'target', env: 'IAM_CONFORMANCE_TARGET', type: 'string', value: 'NAME', help: 'what to test (see Targets below)', defaultText: 'mock' },
  { key: 'client', flag: 'client', env: 'IAM_CONFORMANCE_CLIENT', type: 'string', value: 'NAME', help: 'how to call it (see Clients below)', defaultText: 'js-sdk' },
  { key: 'region', flag: 'region', env: 'IAM_CONFORMANCE_REGION', type: 'string', value: 'REGION', help: 'signing region', defaultText: 'us-east-1; aws: as the SDK resolves it' },
  // Which cases
  { key: 'operations', flag: 'operation', env: 'IAM_CONFORMANCE_OPERATIONS', type: 'list', value: 'OP', help: "only these operations (repeat, or comma-separated; globs such as '*Role*')" },
  { key: 'families', flag: 'family', env: 'IAM_CONFORMANCE_FAMILIES', type: 'list', value: 'NAME', help: 'only the operations of these families (roles, users, tags... : specs/iam/model-overrides.yaml)' },
  { key: 'tags', flag: 'tag', env: 'IAM_CONFORMANCE_TAGS', type: 'list', value: 'TAG', help: 'only cases with one of these tags (constraint, scenario, password-policy, a member name...)' },
  { key: 'ids', flag: 'id', env: 'IAM_CONFORMANCE_IDS', type: 'list', value: 'GLOB', help: 'only case ids matching (repeat; * within a segment, ** across)' },
  { key: 'specs', flag: 'specs', env: 'IAM_CONFORMANCE_SPECS', type: 'string', value: 'DIR', help: 'the spec folder', defaultText: "the package's specs/iam/" },
  { key: 'seed', flag: 'seed', env: 'IAM_CONFORMANCE_SEED', type: 'string', value: 'SEED', help: 'seed of the generated probe values (expand prints it)', defaultText: 'iam-conformance-1' },
  { key: 'list', flag: 'list', type: 'boolean', help: 'print the selected case ids and stop' },
  // Verdicts and reports
  { key: 'strict', flag: 'strict', env: 'IAM_CONFORMANCE_STRICT', type: 'boolean', help: 'message text backed by docs or an AWS recording must match exactly' },
  { key: 'baseline', flag: 'baseline', env: 'IAM_CONFORMANCE_BASELINE', type: 'string', value: '[auto|FILE]', valueWhenAlone: 'auto', help: "known failures: exit 0 only when the outcomes are exactly those; auto (or the flag alone): fixtures/baselines/<target>/<version>.yaml for the version the target reports" },
  { key: 'reportDir', flag: 'report-dir', env: 'IAM_CONFORMANCE_REPORT_DIR', type: 'string', value: 'DIR', help: 'where report.json, report.md and junit.xml go', defaultText: 'reports/<target>/<client>' },
  { key: 'showSecrets', flag: 'show-secrets', env: 'IAM_CONFORMANCE_SHOW_SECRETS', type: 'boolean', help: 'print passwords in reports (never for a published report)' },
  { key: 'record', flag: 'record', env: 'IAM_CONFORMANCE_RECORD', type: 'boolean', help: "keep every case's raw responses (secrets redacted) as evidence" },
  { key: 'recordDir', flag: 'record-dir', env: 'IAM_CONFORMANCE_RECORD_DIR', type: 'string', value: 'DIR', help: 'where --record writes (implies --record)', defaultText: 'fixtures/recordings' },
  { key: 'quiet', flag: 'quiet', type: 'boolean', help: 'no progress lines, only the summary' },
  { key: 'transcript', flag: 'transcript', env: 'IAM_CONFORMANCE_TRANSCRIPT', type: 'boolean', help: "write transcript.jsonl beside the reports: each step's request as it went on the wire (passwords as length + short hash)" },
  // Pace and patience
  { key: 'concurrency', flag: 'concurrency', env: 'IAM_CONFORMANCE_CONCURRENCY', type: 'integer', min: 1, max: 256, value: 'N', help: 'cases in flight at once', defaultText: '32 for mock, 8 otherwise' },
  { key: 'workers', flag: 'workers', env: 'IAM_CONFORMANCE_WORKERS', type: 'integer', min: 1, max: 16, value: 'N', help: 'worker processes `run` spreads the cases over (--concurrency is shared among them; at least 200 cases each; the account-wide cases run after the rest)', defaultText: 'the mock in this process: the cores, at most 4; otherwise 1' },
  { key: 'caseTimeoutMs', flag: 'case-timeout-ms', env: 'IAM_CONFORMANCE_CASE_TIMEOUT_MS', type: 'integer', min: 1, value: 'MS', help: 'a case still running after this is an error of the run', defaultText: '120000; aws: 600000' },
  { key: 'requestTimeoutMs', flag: 'request-timeout-ms', env: 'IAM_CONFORMANCE_REQUEST_TIMEOUT_MS', type: 'integer', min: 1, value: 'MS', help: 'one request unanswered after this counts as no response', defaultText: '20000' },
  { key: 'retryAttempts', flag: 'retry-attempts', env: 'IAM_CONFORMANCE_RETRY_ATTEMPTS', type: 'integer', min: 1, max: 100, value: 'N', help: 'attempts for throttling, 5xx pages, resets and "not yet" answers', defaultText: '3; aws and --propagation-delays: 8' },
  { key: 'retryDelayMs', flag: 'retry-delay-ms', env: 'IAM_CONFORMANCE_RETRY_DELAY_MS', type: 'integer', min: 0, value: 'MS', help: 'first pause between attempts (grows linearly)', defaultText: '200; aws and --propagation-delays: 1500' },
  { key: 'isolation', flag: 'isolation', env: 'IAM_CONFORMANCE_ISOLATION', type: 'string', choices: ['pooled', 'fresh'], value: 'HOW', help: 'pooled: ordinary users reused across cases (a case that fails runs again on fresh ones); fresh: new users for every case', defaultText: 'pooled' },
  { key: 'runId', flag: 'run-id', env: 'IAM_CONFORMANCE_RUN_ID', type: 'string', value: 'ID', help: 'names what the run creates (6 lower-case letters or digits)', defaultText: 'random' },
  { key: 'toolsDir', env: 'IAM_CONFORMANCE_TOOLS', type: 'string', value: 'DIR', help: 'the tools cache: where ci/ installs Node 24 and the emulators, and where targets look for them', defaultText: '$XDG_CACHE_HOME/iam-conformance, else ~/.cache/iam-conformance' },
  // Which cases, for CI (issue 13): again only what failed; one machine's share of the cases.
  { key: 'rerunFailed', flag: 'rerun-failed', env: 'IAM_CONFORMANCE_RERUN_FAILED', type: 'string', value: 'REPORT', help: 'only the cases that failed or errored in that report.json (with a baseline: its new failures, unexpected passes and errors; with its seed unless --seed is given)' },
  { key: 'shard', flag: 'shard', env: 'IAM_CONFORMANCE_SHARD', type: 'string', value: 'I/N', help: 'only shard I of N (a deterministic split; account-wide cases stay together); merge-reports joins the shards' },
  // Between a supervisor and the process it starts for the cases (aws): not for users.
  { key: 'supervised', env: 'IAM_CONFORMANCE_SUPERVISED', type: 'boolean', internal: true, help: 'this process runs the cases of a supervised run' },
];
