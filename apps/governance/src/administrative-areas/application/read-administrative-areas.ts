import { Injectable } from '@nestjs/common';
import type { AdministrativeArea } from '../domain/administrative-area';
import { AreaCodeInvalid, AreaNotFound } from '../domain/administrative-area-errors';
import { AdministrativeAreas } from '../domain/administrative-areas';

/** A district, street or community code (310104, 310104-005, 310104-005-001); the API document shows it. */
export const AREA_CODE = /^[0-9]{6}(-[0-9]{3}){0,2}$/;

/** The read side of the hierarchy: one area by its code. */
@Injectable()
export class ReadAdministrativeAreasHandler {
  constructor(private readonly areas: AdministrativeAreas) {}

  async find(code: string): Promise<AdministrativeArea> {
    if (!AREA_CODE.test(code)) throw new AreaCodeInvalid(code);
    const area = await this.areas.find(code);
    if (!area) throw new AreaNotFound(code);
    return area;
  }
}
