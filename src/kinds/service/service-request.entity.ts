import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TimestampColumn } from '../../common/db/columns';

export const SERVICE_REQUEST_STATUSES = ['new', 'in_progress', 'done'] as const;
export type ServiceRequestStatus = (typeof SERVICE_REQUEST_STATUSES)[number];

/** A recipient asking for one offer of a service campaign; one per offer and recipient. */
@Entity('service_requests')
@Index('uq_service_requests_campaign_subscriber_offer', ['campaignId', 'subscriberId', 'offerIndex'], { unique: true })
export class ServiceRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'delivery_id', type: 'integer' })
  deliveryId: number;

  @Column({ name: 'offer_index', type: 'integer' })
  offerIndex: number;

  @Column({ name: 'offer_title', type: 'varchar', length: 200 })
  offerTitle: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ServiceRequestStatus;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
