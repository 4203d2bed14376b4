import { EventSubscriber, type EntitySubscriberInterface, type TransactionStartEvent } from 'typeorm';
import { setActor } from './actor.js';

/**
 * Every TypeORM transaction of the application starts by naming its author for the change history's triggers
 * (a save, a removal, an import, a `dataSource.transaction`). TypeORM awaits the subscriber before the
 * transaction's first statement.
 */
@EventSubscriber()
export class ActorSubscriber implements EntitySubscriberInterface {
  afterTransactionStart(event: TransactionStartEvent): Promise<void> {
    return setActor(event.queryRunner);
  }
}
