import { MemoryEventBus } from '../../src/infrastructure/memory/eventBus.js';
import { eventBusContract } from './eventBus.contract.js';

eventBusContract('memory', async () => {
  const bus = new MemoryEventBus();
  return { publisher: bus, subscriber: bus };
});
