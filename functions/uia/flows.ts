/** The flows a tenant offers: what is advertised in a 401, and when a set of completed stages finishes one. */
import type { LoginType } from '../matrix/login-types.js';
import type { Stage } from './stages/stage.js';

export interface AdvertisedFlows {
  flows: { stages: LoginType[] }[];
  params: Record<string, unknown>;
}

/** Flows that can never be told apart or never be finished are refused before the front door starts. */
export function flowProblems(flows: LoginType[][]): string[] {
  const problems: string[] = [];
  for (const [i, flow] of flows.entries()) {
    if (new Set(flow).size !== flow.length) problems.push(`registration.flows[${i}]: a stage appears twice`);
  }
  for (const [i, a] of flows.entries()) {
    for (const [j, b] of flows.entries()) {
      if (i === j || !a.every((s) => b.includes(s))) continue;
      if (a.length < b.length) {
        problems.push(`registration.flows[${j}] can never be used: flows[${i}] finishes first (add m.login.dummy to flows[${i}])`);
      } else if (i < j) {
        problems.push(`registration.flows[${i}] and flows[${j}] have the same stages`);
      }
    }
  }
  return problems;
}

export class FlowSet {
  readonly advertised: AdvertisedFlows;

  constructor(
    private readonly flows: LoginType[][],
    private readonly stages: ReadonlyMap<LoginType, Stage>,
  ) {
    const params: Record<string, unknown> = {};
    for (const [type, stage] of stages) {
      const p = stage.params();
      if (p !== undefined) params[type] = p;
    }
    this.advertised = { flows: flows.map((f) => ({ stages: [...f] })), params };
  }

  stage(type: string): Stage | undefined {
    return this.stages.get(type as LoginType);
  }

  /** True when `type` is the last stage of some flow, as clients take them: passing it likely finishes that flow. */
  endsAFlow(type: LoginType): boolean {
    return this.flows.some((flow) => flow.at(-1) === type);
  }

  /** True when every flow that `type` is part of ends with it: passing it then finishes one, unless stages are missing. */
  endsEveryFlow(type: LoginType): boolean {
    const flows = this.flows.filter((flow) => flow.includes(type));
    return flows.length > 0 && flows.every((flow) => flow.at(-1) === type);
  }

  /** The other stages of each flow that `type` is part of. */
  flowsWith(type: LoginType): LoginType[][] {
    return this.flows.filter((flow) => flow.includes(type)).map((flow) => flow.filter((s) => s !== type));
  }

  /** True once every stage of at least one flow is among `completed`. */
  isComplete(completed: Iterable<LoginType>): boolean {
    const done = new Set(completed);
    return this.flows.some((flow) => flow.every((s) => done.has(s)));
  }
}
