import { expect, test } from 'vitest';
import { casesOfLane, laneConcurrency, laneCount, laneNames } from '../../src/run/lanes.ts';
import { workerFlags } from '../../src/run/vitest/project.ts';
import type { Case } from '../../src/cases/types.ts';

const cases = Array.from({ length: 11 }, (_, i) => ({ id: `Op/case-${i}`, serial: i % 4 === 3, steps: [] }) as unknown as Case);

test('the lanes hold every ordinary case exactly once, and the account-wide lane the others', () => {
  const lanes = [0, 1, 2].map((index) => casesOfLane(cases, { index, count: 3 }).map((c) => c.id));
  const ordinary = cases.filter((c) => !c.serial).map((c) => c.id);
  expect(lanes.flat().sort()).toEqual([...ordinary].sort());
  expect(new Set(lanes.flat()).size).toBe(ordinary.length);
  expect(lanes.map((l) => l.length)).toEqual([3, 3, 3]);
  expect(casesOfLane(cases, 'account-wide').map((c) => c.id)).toEqual(['Op/case-3', 'Op/case-7']);
  expect(casesOfLane(cases, undefined)).toHaveLength(11);
});

test('cases that make something under the same name go to one lane', () => {
  const making = (id: string, name: string) => ({ id, serial: false, steps: [{ call: 'CreateGroup', input: { GroupName: name }, creates: { kind: 'group', id: 'GroupName' } }] }) as unknown as Case;
  const mixed = [making('g0', 'ic-${run}-kZ'), ...cases.slice(0, 3), making('g1', 'ic-${run}-kz'), making('g2', 'ic-${run}-other'), making('g3', 'IC-${run}-KZ')];
  const lanes = [0, 1].map((index) => casesOfLane(mixed, { index, count: 2 }).map((c) => c.id));
  expect(lanes.flat().sort()).toEqual(mixed.map((c) => c.id).sort());
  const laneOf = (id: string) => lanes.findIndex((l) => l.includes(id));
  expect([laneOf('g1'), laneOf('g3')]).toEqual([laneOf('g0'), laneOf('g0')]);
});

test('no more lanes than workers, concurrency or cases to fill them, and the concurrency shared among them', () => {
  const many = Array.from({ length: 1000 }, (_, i) => ({ id: `Op/many-${i}`, serial: false, steps: [] }) as unknown as Case);
  expect(laneCount({ workers: 4, concurrency: 32 }, many)).toBe(4);
  expect(laneCount({ workers: 4, concurrency: 2 }, many)).toBe(2);
  expect(laneCount({ workers: 4, concurrency: 32 }, many.slice(0, 450))).toBe(2);
  expect(laneCount({ workers: 4, concurrency: 32 }, cases)).toBe(1);
  expect(laneCount({ workers: 4, concurrency: 32 }, [cases[3]!])).toBe(1);
  expect(laneConcurrency(32, { index: 0, count: 2 })).toBe(16);
  expect([0, 1].map((index) => laneConcurrency(5, { index, count: 2 }))).toEqual([3, 2]);
  for (const [c, n] of [[1, 1], [7, 3], [32, 4], [9, 4]] as const) {
    expect(Array.from({ length: n }, (_, index) => laneConcurrency(c, { index, count: n })).reduce((a, b) => a + b, 0)).toBe(c);
  }
  expect(laneConcurrency(8, 'account-wide')).toBe(8);
});

test('names made in different lanes never meet, and keep the one-lane form', () => {
  const made = new Set<string>();
  for (const lane of [{ index: 0, count: 3 }, { index: 1, count: 3 }, { index: 2, count: 3 }, 'account-wide' as const]) {
    const names = laneNames('ic-abc123-', lane);
    for (let i = 0; i < 50; i++) for (const n of [names.user(), names.pooled()]) {
      expect(made.has(n)).toBe(false);
      made.add(n);
    }
  }
  const one = laneNames('ic-abc123-', undefined);
  expect([one.user(), one.user(), one.pooled()]).toEqual(['ic-abc123-u0', 'ic-abc123-u1', 'ic-abc123-p0']);
  expect(made.has('ic-abc123-u0') && made.has('ic-abc123-u1') && made.has('ic-abc123-u2')).toBe(true);
});

test("a worker's heap limit grows with its cases, and more when raw answers are kept", () => {
  const oldOf = (flags: string[]) => Number(flags.find((f) => f.startsWith('--max-old-space-size='))!.split('=')[1]);
  expect(oldOf(workerFlags(1, false))).toBe(256);
  expect(oldOf(workerFlags(20_000, false))).toBeGreaterThan(oldOf(workerFlags(4_000, false)));
  expect(oldOf(workerFlags(20_000, true))).toBeGreaterThan(oldOf(workerFlags(20_000, false)));
  expect(workerFlags(10, false)).toContain('--max-semi-space-size=16');
});
