import { Injectable } from '@nestjs/common';
import { acceptanceStreamId, inspectionDecider, type InspectionState } from '@kamflow/acceptance';
import { type Shipment, shipmentDecider, shipmentStreamId } from '@kamflow/delivery';
import { type RecordedEvent } from '@kamflow/eventsourcing';
import { readCategories } from '../shared/paging';
import { StreamReader } from '../shared/stream-reader.service';
import { providerShipmentsFromLog } from './shipment-view';

/** Shipments and their inspections, folded from their streams. */
@Injectable()
export class ShipmentViewService {
  constructor(private readonly streams: StreamReader) {}

  /** The shipment (undefined when no such stream) and its inspection stream. */
  async load(shipmentId: string): Promise<
    | { shipment: Shipment; revision: number; inspection: InspectionState; inspectionEvents: RecordedEvent[] }
    | undefined
  > {
    const { state, revision } = await this.streams.load(shipmentDecider, shipmentStreamId(shipmentId));
    if (state.status === 'NONE') return undefined;
    const inspection = await this.streams.load(inspectionDecider, acceptanceStreamId(shipmentId));
    return { shipment: state, revision, inspection: inspection.state, inspectionEvents: inspection.events };
  }

  /** The shipments assigned to a provider, from the global log (until a read model takes over). */
  async forProvider(providerId: string) {
    return providerShipmentsFromLog(await readCategories(this.streams.store, ['shipment', 'acceptance']), providerId);
  }
}
