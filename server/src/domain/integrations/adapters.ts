import type { IntegrationSystem } from '@conveyor/shared';
import type { Adapter } from './adapter.js';
import { amocrm } from './amocrm.js';
import { bitrix24 } from './bitrix24.js';
import { generic } from './generic.js';
import { hubspot } from './hubspot.js';
import { mango } from './mango.js';
import { pipedrive } from './pipedrive.js';
import { sipuni } from './sipuni.js';
import { uis } from './uis.js';
import { zadarma } from './zadarma.js';

/** Every system's adapter, by system. */
export const ADAPTERS: Record<IntegrationSystem, Adapter> = { amocrm, bitrix24, generic, hubspot, mango, pipedrive, sipuni, uis, zadarma };
