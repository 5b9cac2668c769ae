import { awsTarget } from './aws/index.ts';
import { endpointTarget } from './endpoint.ts';
import { mockTarget } from './mock.ts';
import { motoTarget } from './moto.ts';
import { localstackTarget } from './localstack.ts';
import { ministackTarget } from './ministack.ts';
import { fakecloudTarget } from './fakecloud.ts';
import type { TargetAdapter } from './types.ts';

/** Every target the suite can run against. Adding a target is adding an adapter here. */
export const TARGETS: readonly TargetAdapter[] = [mockTarget, motoTarget, ministackTarget, localstackTarget, fakecloudTarget, endpointTarget, awsTarget];

export function findTarget(name: string): TargetAdapter | undefined {
  return TARGETS.find((t) => t.name === name);
}
