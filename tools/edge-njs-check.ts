/**
 * `npx tsx tools/edge-njs-check.ts`: CI's check that the built CloudFront Function is within the
 * cloudfront-js-2.0 dialect. Debian's `njs` (the engine the runtime is built on) loads the exact
 * script we ship, with a stand-in `cloudfront` module, and runs a few viewer requests through
 * `handler`: a public page, an anonymous private page, a member with a valid session cookie and a
 * tampered one. Exits non-zero on a parse error or a wrong decision.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCloudFrontFunction, CLOUDFRONT_FUNCTION_BUDGET } from '../functions/edge-auth/build';
import { signSessionToken } from '../shared/auth/sessionToken';

const SECRET = 'njs-check-secret-that-is-long-enough-0123456789';

async function main(): Promise<number> {
  const code = await buildCloudFrontFunction();
  const bytes = Buffer.byteLength(code);
  if (bytes > CLOUDFRONT_FUNCTION_BUDGET) {
    console.error(`edge-auth: ${bytes} bytes, over the ${CLOUDFRONT_FUNCTION_BUDGET}-byte budget.`);
    return 1;
  }
  const token = await signSessionToken({ sub: 'bob', name: 'Bob' }, { kid: 'k1', secret: new TextEncoder().encode(SECRET) }, {
    issuer: 'wikibot', audience: 'wikibot', ttlSeconds: 600,
  });
  const kvs = {
    'w:alice/open': 'public',
    'w:alice/closed': 'private',
    'm:alice/closed:bob': 'reader',
    'k:k1': JSON.stringify({ s: Buffer.from(SECRET).toString('base64url'), iss: 'wikibot', aud: 'wikibot' }),
  };
  const event = (uri: string, cookie?: string, accept = 'text/html') => ({
    version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' },
    request: { method: 'GET', uri, querystring: {}, headers: { accept: { value: accept }, host: { value: 'wiki.example' }, 'x-forwarded-host': { value: 'evil.example' } }, cookies: cookie ? { '__Host-wb_session': { value: cookie } } : {} },
  });
  const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
  const cases: [unknown, string][] = [
    // A pass forwards the viewer's Host as X-Forwarded-Host, over whatever the viewer sent.
    [event('/alice/open/Home'), 'pass /alice/open/Home wiki.example'],
    [event('/Alice/Closed/Home'), '302'],
    [event('/alice/closed/Home', token), 'pass /alice/closed/Home wiki.example'],
    [event('/alice/closed/Home', tampered, '*/*'), '401'],
    [event('/alice/%D0%B0/x'), '400'],
    // Attachments: the page part case-folded to the object key (non-ASCII as written: njs has no normalize).
    [event('/alice/open/Docs/Read%20Me!/a/Plan.PNG'), 'pass /alice/open/docs/read%20me/Plan.PNG wiki.example'],
    [event('/alice/closed/%C3%9Cber/a/x.png', token), 'pass /alice/closed/%C3%BCber/x.png wiki.example'],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-njs-'));
  try {
    fs.mkdirSync(path.join(dir, 'modules'));
    // njs resolves `import cf from 'cloudfront'` to the file named `cloudfront` under -p.
    fs.writeFileSync(path.join(dir, 'modules', 'cloudfront'), `var data = ${JSON.stringify(kvs)};
export default { kvs: function () { return { get: function (k) {
  return Object.prototype.hasOwnProperty.call(data, k) ? Promise.resolve(data[k]) : Promise.reject(new Error('missing ' + k));
} }; } };
`);
    const harness = `
var cases = ${JSON.stringify(cases.map((c) => c[0]))};
async function njsCheck() {
  var out = [];
  for (var i = 0; i < cases.length; i++) {
    var r = await handler(cases[i]);
    var host = r.headers && r.headers['x-forwarded-host'] ? r.headers['x-forwarded-host'].value : '';
    out.push(r.statusCode ? String(r.statusCode) : 'pass ' + r.uri + ' ' + host);
  }
  console.log(JSON.stringify(out));
}
njsCheck().catch(function (e) { console.log('ERROR ' + e); });
`;
    const file = path.join(dir, 'edge-auth.js');
    fs.writeFileSync(file, code + harness);
    let output: string;
    try {
      output = execFileSync('njs', ['-t', 'module', '-p', path.join(dir, 'modules'), file], { encoding: 'utf8' }).trim();
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      console.error(`njs could not run the CloudFront Function:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
      return 1;
    }
    const expected = JSON.stringify(cases.map((c) => c[1]));
    const last = output.split('\n').pop() ?? '';
    if (last !== expected) {
      console.error(`njs ran the CloudFront Function but it decided ${last}, expected ${expected}`);
      return 1;
    }
    const version = execFileSync('njs', ['-v'], { encoding: 'utf8' }).trim();
    console.log(`edge-auth: ${bytes} bytes (budget ${CLOUDFRONT_FUNCTION_BUDGET}); runs and decides correctly under njs ${version}`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
