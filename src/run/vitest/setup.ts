import type { TestProject } from 'vitest/node';
import { planRun, PlanError } from '../plan.ts';
import { launchTarget } from '../launch.ts';
import { pickBaseline } from '../baseline-pick.ts';
import { TargetRefused, TargetUnavailable } from '../../targets/types.ts';
import { SpecErrors } from '../../specfile/errors.ts';
import { selectCases } from '../select.ts';
import './provided.ts';

/**
 * vitest's global setup for the conformance project. Under `iam-conformance run` the CLI has planned
 * the run and started the target, and provided both: nothing to do. Under plain `npx vitest` the plan
 * is built here, from the same settings (environment variables; vitest's -t narrows the cases), and the
 * target is started here and stopped after the run. A bad setting ends the run with one line, never a
 * stack trace.
 */
export default async function setup(project: TestProject) {
  if (project.getProvidedContext().iamConformance) return;
  try {
    const plan = planRun([], process.env);
    const pattern = project.config.testNamePattern;
    if (pattern) plan.filter.pattern = pattern.source;
    // Spec problems and unknown operations, before anything starts; the worker gets the cases with the plan.
    const { cases, sensitiveMembers } = await selectCases(plan);
    if (plan.target === 'aws') throw new PlanError('--target aws runs only through `iam-conformance run`, which supervises it (docs/aws.md)');
    const started = await launchTarget(plan, (line) => console.log(line));
    const { stop, ...session } = started;
    let picked;
    try {
      picked = pickBaseline(plan, session);
    } catch (e) {
      await stop().catch(() => {});
      throw e;
    }
    project.provide('iamConformance', { plan: picked, session, selection: { cases, sensitiveMembers } });
    return () => stop();
  } catch (e) {
    const code = e instanceof PlanError || e instanceof SpecErrors || e instanceof TargetRefused ? 2 : e instanceof TargetUnavailable ? 3 : undefined;
    if (code === undefined) throw e;
    process.stderr.write(`iam-conformance: ${(e as Error).message}${e instanceof TargetUnavailable && e.hint ? `\n  ${e.hint}` : ''}\n`);
    process.exit(code);
  }
}
