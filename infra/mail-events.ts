/**
 * The tenant's SES configuration set: every verification mail is sent through it (the email function gets
 * its name), and its sends, deliveries, bounces and complaints become CloudWatch metrics of this tenant
 * alone, which the alarms and the dashboard read.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Duration } from 'aws-cdk-lib';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** The dimension SES puts on the configuration set's metrics; its value names the set. */
export const SES_SET_DIMENSION = 'ses:configuration-set';

export class MailEvents extends Construct {
  readonly configurationSet: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, _props: { tenantName: string }) {
    super(scope, id);
    // No name: CloudFormation makes one, so two tenants can share an account.
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.configurationSet.addEventDestination('CloudWatch', {
      destination: ses.EventDestination.cloudWatchDimensions([
        { name: SES_SET_DIMENSION, source: ses.CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' },
      ]),
      events: [
        ses.EmailSendingEvent.SEND,
        ses.EmailSendingEvent.DELIVERY,
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
      ],
    });
  }

  /** One of SES's event metrics (Send, Delivery, Bounce, Complaint, Reject) for this configuration set. */
  metric(name: 'Send' | 'Delivery' | 'Bounce' | 'Complaint' | 'Reject', period = Duration.hours(1)): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/SES',
      metricName: name,
      dimensionsMap: { [SES_SET_DIMENSION]: this.configurationSet.configurationSetName },
      statistic: 'Sum',
      period,
    });
  }
}
