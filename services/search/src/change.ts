import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change an owning subgraph made, as this subgraph received it from that subgraph's feed:
 * the graph-wide change feed (`Query.changes`) in the order received.
 */
@Entity('change')
@Index(['source', 'sourceSeq'], { unique: true })
export class Change {
  /** The feed's order (the cursor). */
  @PrimaryGeneratedColumn('increment')
  seq!: number;

  /** The subgraph that made the change. */
  @Column('varchar')
  source!: string;

  /** Its sequence number there. */
  @Column('integer')
  sourceSeq!: number;

  @Index()
  @Column('varchar')
  at!: string;

  @Column('varchar', { nullable: true })
  agency!: string | null;

  @Column('varchar')
  operation!: string;

  @Index()
  @Column('varchar')
  entityType!: string;

  @Column('varchar')
  entityId!: string;

  @Column('integer')
  version!: number;
}

/** How far this subgraph has followed each owner's feed. */
@Entity('feed_position')
export class FeedPosition {
  @PrimaryColumn('varchar')
  source!: string;

  @Column('integer')
  seq!: number;
}
