import { Module } from '@nestjs/common';

/** Connections to CRMs and telephony: their webhooks in, an inbox, events out to the ledger. */
@Module({})
export class IntegrationsModule {}
