/** Start-up checks of the send gate against the flows. */
import { LoginType } from '../matrix/login-types.js';
import type { GateConfig } from './gating-config.js';

const GATE_STAGES: LoginType[] = [LoginType.Recaptcha, LoginType.RegistrationToken];
const SENDING_STAGES: LoginType[] = [LoginType.EmailIdentity, LoginType.Msisdn];

/** A gate that some flow can never open is refused at start, as any impossible config is. */
export function gatingProblems(config: { gate?: GateConfig; registration: { flows: LoginType[][] } }): string[] {
  if (!config.gate?.beforeSending) return [];
  return config.registration.flows.flatMap((flow, i) =>
    flow.some((s) => SENDING_STAGES.includes(s)) && !flow.some((s) => GATE_STAGES.includes(s))
      ? [`registration.flows[${i}]: gate.beforeSending needs ${GATE_STAGES.join(' or ')} in every flow that sends email or SMS`]
      : [],
  );
}
