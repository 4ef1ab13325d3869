/**
 * `review-elements-conformance`: the conformance kit as a command (bin/review-elements-conformance.mjs runs
 * the built copy, dist/conformance/cli.js). Exit code 0 when every check passes (skips allowed), 1 when one
 * fails, 2 on a usage error. docs/conformance.md explains each check.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { MapPath } from './http.js';
import { formatJUnit, formatText, type CheckResult } from './report.js';
import { runConformance } from './run.js';

export const USAGE = `Usage: review-elements-conformance --api <base URL> --production <id> --token <token> [options]

Runs the HTTP contract of the review elements (docs/http-api.md) against your backend, call by call,
through the elements' own RestReviewApi, and reports pass / fail / skipped for each call with the
request sent and what came back. It creates only comments marked "[conformance]" (tag "conformance"),
changes one clip's review status and puts it back, and deletes what it created: run it against a test
production.

Options:
  --api <url>            API base, as <review-session api-base> (e.g. https://studio.example/api)
  --production <id>      the production (:pid) to run in
  --token <token>        a studio user's bearer token (REVIEW_EDIT, REVIEW_STATUS_EDIT; env REVIEW_TOKEN)
  --client-token <token> a token with fewer rights (viewer or client share session): rights checks
                         expect 403 from it (env REVIEW_CLIENT_TOKEN)
  --clip <id>            the clip to run on (default: the first of GET /production/:pid/mo)
  --origin <origin>      the portal's origin when it is not the API's: checks CORS as a browser needs it
  --map-path <file.mjs>  a module whose default export is mapPath(path, method) → path or URL, for a
                         backend whose routes differ (the RestReviewApi option)
  --timeout <ms>         per request and per awaited event (default 10000)
  --junit <file>         also write a JUnit XML report
  --json                 print the report as JSON instead of text
  --verbose              print every request and answer, not only those of failures
  -h, --help             this text

Exit code: 0 every check passed (or was skipped), 1 a check failed, 2 usage error.`;

class UsageError extends Error {}

/** Loads the `--map-path` module: its default export, or a named `mapPath`. */
async function loadMapPath(file: string): Promise<MapPath> {
  let mod: { default?: unknown; mapPath?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown; mapPath?: unknown };
  } catch (e) {
    throw new UsageError(`--map-path ${file}: cannot load it (${e instanceof Error ? e.message : e})`);
  }
  const fn = typeof mod.default === 'function' ? mod.default : mod.mapPath;
  if (typeof fn !== 'function') throw new UsageError(`--map-path ${file}: export a function (default export or "mapPath")`);
  return fn as MapPath;
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
}

const defaultIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
};

const VALUE_OPTIONS = ['api', 'production', 'token', 'client-token', 'clip', 'origin', 'map-path', 'timeout', 'junit'];

/**
 * `--token <value>` as `--token=<value>`: a bearer token may start with "-" (base64url), which parseArgs would
 * otherwise take for an option.
 */
function joinValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([a-z-]+)$/.exec(argv[i])?.[1];
    if (name && VALUE_OPTIONS.includes(name) && i + 1 < argv.length) out.push(`--${name}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** Runs the command with these arguments; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({
      args: joinValues(argv),
      strict: true,
      allowPositionals: false,
      options: {
        api: { type: 'string' },
        production: { type: 'string' },
        token: { type: 'string' },
        'client-token': { type: 'string' },
        clip: { type: 'string' },
        origin: { type: 'string' },
        'map-path': { type: 'string' },
        timeout: { type: 'string' },
        junit: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    const token = values.token ?? io.env.REVIEW_TOKEN;
    const missing = [!values.api && '--api', !values.production && '--production', !token && '--token'].filter(Boolean);
    if (missing.length) throw new UsageError(`missing ${missing.join(', ')}`);
    if (!/^https?:\/\//i.test(values.api!)) throw new UsageError(`--api must be an absolute http(s) URL (got "${values.api}")`);
    const clip = values.clip === undefined ? undefined : Number(values.clip);
    if (clip !== undefined && !Number.isInteger(clip))
      throw new UsageError(`--clip must be a clip id (a whole number), got "${values.clip}"`);
    if (values.origin !== undefined && !/^https?:\/\/[^/]+$/i.test(values.origin)) {
      throw new UsageError(`--origin must be an origin such as https://portal.example (got "${values.origin}")`);
    }
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be milliseconds > 0, got "${values.timeout}"`);
    options = {
      api: values.api!,
      production: values.production!,
      token: token!,
      clientToken: values['client-token'] ?? io.env.REVIEW_CLIENT_TOKEN,
      clip,
      origin: values.origin,
      timeout,
      mapPath: values['map-path'] ? await loadMapPath(values['map-path']) : undefined,
      junit: values.junit,
      json: values.json,
      verbose: values.verbose,
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`review-elements-conformance: ${message}\n\n${USAGE}\n`);
    return 2;
  }

  const progress = (c: CheckResult) => {
    if (!options.json) return;
    io.err(`${c.status.toUpperCase()} ${c.id}\n`);
  };
  const report = await runConformance({ ...options, onCheck: progress });
  if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else io.out(`${formatText(report, { verbose: options.verbose })}\n`);
  if (options.junit) await writeFile(options.junit, formatJUnit(report));
  return report.summary.fail > 0 ? 1 : 0;
}
