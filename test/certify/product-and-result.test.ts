import { describe, expect, test } from 'vitest';
import { formatSums, parseSums } from '../../src/certify/checksums.ts';
import { productProblems } from '../../src/certify/product.ts';
import { countOutcomes, resultOf } from '../../src/certify/result.ts';
import { parseCertifyArgs } from '../../src/cli/certify-args.ts';

const product = { vendor: 'V', product: 'P', version: '1.0', url: 'https://p.example', contact: 'a@p.example' };

describe('product.yaml', () => {
  test('the five required fields make a valid product; description and documentation are optional', () => {
    expect(productProblems(product)).toEqual([]);
    expect(productProblems({ ...product, description: 'd', documentation: 'https://docs.p.example/iam' })).toEqual([]);
  });
  test('each problem names the field and what is wrong', () => {
    const { contact: _c, ...noContact } = product;
    expect(productProblems(noContact)).toEqual(['field "contact" is missing (required: vendor, product, version, url, contact)']);
    expect(productProblems({ ...product, url: 'ftp://x' })).toEqual(['field "url" must be an http(s) URL']);
    expect(productProblems({ ...product, contact: 'nobody' })).toEqual(['field "contact" must be an e-mail address or an http(s) URL']);
    expect(productProblems({ ...product, vendor: '' })).toEqual(['field "vendor" is empty']);
    expect(productProblems({ ...product, version: 2 })).toEqual(['field "version" must be text']);
    expect(productProblems({ ...product, logo: 'x' })[0]).toMatch(/^field "logo" is not known/);
    expect(productProblems('just text')).toEqual(['the file must be a mapping of fields (vendor: ..., product: ...)']);
  });
});

describe('the result follows from the counts', () => {
  const counts = (outcomes: string[]) => countOutcomes(outcomes.map((outcome) => ({ outcome })));
  test.each([
    [['pass', 'pass'], true, 'certified'],
    [['pass', 'fail'], true, 'not certified'],
    [['fail', 'skip'], true, 'not certified'],
    [['pass', 'skip'], true, 'incomplete'],
    [['pass', 'error'], true, 'incomplete'],
    [['pass', 'client-rejected'], true, 'incomplete'],
    [['pass'], false, 'incomplete'],
    [[], true, 'incomplete'],
  ] as const)('%j (all ran: %s) -> %s', (outcomes, allRan, result) => {
    expect(resultOf(counts([...outcomes]), allRan)).toBe(result);
  });
  test('an outcome no report has is counted apart (verify-bundle names it)', () => {
    expect(counts(['pass', 'maybe']).other).toBe(1);
  });
});

describe('SHA256SUMS', () => {
  test('written in sha256sum format, sorted, and read back', () => {
    const text = formatSums(new Map([['b.txt', Buffer.from('b')], ['a.txt', Buffer.from('a')]]));
    expect(text).toBe('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt\n3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.txt\n');
    expect([...parseSums(text).entries.keys()]).toEqual(['a.txt', 'b.txt']);
    expect(parseSums('nonsense\n').problems).toEqual(['SHA256SUMS line 1 is not "<sha256>  <file>"']);
  });
});

describe('certify arguments', () => {
  const base = ['--product', 'p.yaml', '--out', 'dir'];
  test('its own flags apart, the rest handed to the run; --strict is implied', () => {
    expect(parseCertifyArgs([...base, '--target', 'moto', '--strict', '--concurrency=4'], {})).toEqual({ help: false, product: 'p.yaml', out: 'dir', runArgs: ['--target', 'moto', '--concurrency=4'] });
  });
  test.each(['--operation=ChangePassword', '--id', '--tag', '--shard', '--rerun-failed', '--baseline', '--seed', '--specs', '--report-dir', '--list', '--show-secrets'])('%s is refused with exit 2', (flag) => {
    expect(() => parseCertifyArgs([...base, flag], {})).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining(`${flag.split('=')[0]} is not allowed`) }));
  });
  test('a filter or baseline in the environment is refused; an empty one is not set', () => {
    expect(() => parseCertifyArgs(base, { IAM_CONFORMANCE_TAGS: 'scenario' })).toThrow(/IAM_CONFORMANCE_TAGS is set/);
    expect(() => parseCertifyArgs(base, { IAM_CONFORMANCE_BASELINE: 'auto' })).toThrow(/IAM_CONFORMANCE_BASELINE is set/);
    expect(parseCertifyArgs(base, { IAM_CONFORMANCE_TAGS: '' }).runArgs).toEqual([]);
  });
});
