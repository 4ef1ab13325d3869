/**
 * The conformance kit's report: one result per check (pass / fail / skip) with the HTTP exchanges it made,
 * what was expected and what came back; printed as text, JSON or JUnit XML.
 */

export type CheckStatus = 'pass' | 'fail' | 'skip';

/** One HTTP request the kit (or the elements' own `RestReviewApi`) sent, and its answer. Tokens redacted. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  /** Null when no answer came (network failure, timeout). */
  response: { status: number; headers: Record<string, string>; body?: string } | null;
  /** Why no answer came, when none did. */
  error?: string;
}

export interface CheckResult {
  /** Stable name of the check, e.g. `comments.patch.stale` (docs/conformance.md explains each). */
  id: string;
  /** The contract call it checks, in words. */
  title: string;
  status: CheckStatus;
  /** For a failure: what the elements need. */
  expected?: string;
  /** For a failure: what the backend did instead. For a skip: why it was skipped. */
  actual?: string;
  exchanges: Exchange[];
  /** For a failure: the index in `exchanges` of the answer that failed it (the last one before the check gave up). */
  failedAt?: number;
  ms: number;
}

export interface ConformanceReport {
  api: string;
  production: string;
  /** The backend's capabilities answer, or null when it has none (core only). */
  capabilities: Record<string, boolean> | null;
  checks: CheckResult[];
  summary: { pass: number; fail: number; skip: number; total: number };
  startedAt: string;
  ms: number;
}

export function summarise(checks: CheckResult[]): ConformanceReport['summary'] {
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  return { pass: count('pass'), fail: count('fail'), skip: count('skip'), total: checks.length };
}

const MAX_BODY = 600;

function clip(text: string | undefined, max = MAX_BODY): string {
  if (text === undefined || text === '') return '';
  const flat = text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
  return flat;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** Only the headers that matter to the contract, so a report stays readable. */
const SHOWN_HEADERS = /^(authorization|content-type|range|content-range|content-length|x-pagination-.*|accept|location|retry-after)$/i;

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([k]) => SHOWN_HEADERS.test(k))
    .map(([k, v]) => `${k}: ${v}`);
}

export function formatExchange(x: Exchange): string {
  const lines = [`→ ${x.request.method} ${x.request.url}`];
  for (const h of headerLines(x.request.headers)) lines.push(`  ${h}`);
  if (x.request.body) lines.push(indent(clip(x.request.body), '  '));
  if (x.response) {
    lines.push(`← ${x.response.status}`);
    for (const h of headerLines(x.response.headers)) lines.push(`  ${h}`);
    if (x.response.body) lines.push(indent(clip(x.response.body), '  '));
  } else {
    lines.push(`← no answer: ${x.error ?? 'unknown'}`);
  }
  return lines.join('\n');
}

const MARK: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

/**
 * The report as text: a line per check; under a failure the expectation, what came back and the exchanges
 * (all of them with `verbose`); then the summary.
 */
export function formatText(report: ConformanceReport, { verbose = false }: { verbose?: boolean } = {}): string {
  const out: string[] = [`review-elements conformance: ${report.api} (production ${report.production})`, ''];
  for (const c of report.checks) {
    out.push(`${MARK[c.status]}  ${c.id.padEnd(28)} ${c.title}`);
    if (c.status === 'skip' && c.actual) out.push(`      skipped: ${c.actual}`);
    if (c.status === 'fail') {
      if (c.expected) out.push(indent(`expected: ${c.expected}`, '      '));
      if (c.actual) out.push(indent(`got:      ${c.actual}`, '      '));
    }
    if (c.status === 'fail' || verbose) {
      // A failure shows the exchange that failed it and, with --verbose, every exchange.
      const failedAt = c.failedAt ?? c.exchanges.length - 1;
      const shown = verbose ? c.exchanges : c.exchanges.slice(Math.max(failedAt, 0), failedAt + 1);
      for (const x of shown) out.push(indent(formatExchange(x), '      '));
      if (shown.length) out.push('');
    }
  }
  const caps = report.capabilities;
  out.push(
    '',
    `capabilities: ${
      caps
        ? Object.entries(caps)
            .map(([k, v]) => `${k} ${v ? 'yes' : 'no'}`)
            .join(', ')
        : 'none announced (core only)'
    }`,
  );
  const s = report.summary;
  out.push(`${s.total} checks: ${s.pass} passed, ${s.fail} failed, ${s.skip} skipped (${(report.ms / 1000).toFixed(1)} s)`);
  return out.join('\n');
}

function xml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids most control characters, even escaped.
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

/** JUnit XML: one testsuite, a testcase per check (`classname` is the check's group, e.g. `comments`). */
export function formatJUnit(report: ConformanceReport): string {
  const s = report.summary;
  const cases = report.checks.map((c) => {
    const group = c.id.split('.')[0];
    const open = `  <testcase classname="review-elements.conformance.${xml(group)}" name="${xml(`${c.id}: ${c.title}`)}" time="${(c.ms / 1000).toFixed(3)}"`;
    if (c.status === 'pass') return `${open}/>`;
    if (c.status === 'skip') return `${open}>\n    <skipped message="${xml(c.actual ?? '')}"/>\n  </testcase>`;
    const detail = [`expected: ${c.expected ?? ''}`, `got: ${c.actual ?? ''}`, '', ...c.exchanges.map(formatExchange)].join('\n');
    return `${open}>\n    <failure message="${xml(c.actual ?? 'failed')}" type="${xml(c.id)}">${xml(detail)}</failure>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="review-elements conformance" tests="${s.total}" failures="${s.fail}" skipped="${s.skip}" time="${(report.ms / 1000).toFixed(3)}">`,
    `<testsuite name="review-elements conformance: ${xml(report.api)}" tests="${s.total}" failures="${s.fail}" skipped="${s.skip}" timestamp="${report.startedAt}" time="${(report.ms / 1000).toFixed(3)}">`,
    ...cases,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
