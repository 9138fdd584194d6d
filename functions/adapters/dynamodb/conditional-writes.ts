/**
 * The two ways the stores write under a condition, with the expected loss as a return value: a single
 * conditional write, and a transaction (retried a few times when it only collided with another one).
 */
import {
  ConditionalCheckFailedException,
  type DeleteItemCommand,
  type PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
  type TransactWriteItem,
  type UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';

type ConditionalCommand = PutItemCommand | UpdateItemCommand | DeleteItemCommand;

/** true when the write applied, false when its condition did not hold. */
export async function applied(db: DynamoDBClient, command: ConditionalCommand): Promise<boolean> {
  try {
    // The SDK's overloads take one command class at a time.
    await db.send(command as UpdateItemCommand);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * true when every write applied; otherwise the index of the item that lost, to a failed condition or,
 * after `tries`, to another transaction racing for the same item.
 */
export async function transact(db: DynamoDBClient, items: TransactWriteItem[], tries = 4): Promise<true | number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
      const failed = codes.indexOf('ConditionalCheckFailed');
      if (failed >= 0) return failed;
      const conflict = codes.indexOf('TransactionConflict');
      if (conflict < 0) throw error;
      if (attempt >= tries) return conflict;
      await pauseAfterConflict(attempt);
    }
  }
}

/** A random wait before the `attempt`-th try again of a write that met another transaction on its item. */
export function pauseAfterConflict(attempt: number, baseMs = 5, spreadMs = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, baseMs + Math.random() * spreadMs * attempt));
}
