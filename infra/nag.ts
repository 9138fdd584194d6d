/** cdk-nag's AWS Solutions rules over the whole app; acknowledgements sit beside the resources they concern. */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/** Registers the checks: synth fails on any finding that is not acknowledged with a reason. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}
