import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Office-wide settings as JSON values (the grade ladder, the closing grace, the wall). */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('varchar', { length: 64 }) key: string;
  @Column('text') value: string;
  @Column('varchar', { name: 'updated_at', length: 30 }) updatedAt: string;
}
