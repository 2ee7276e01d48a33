import { Controller, Get, Param, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { AREA_CODE, ReadAdministrativeAreasHandler } from '../../application/read-administrative-areas';
import { AdministrativeAreaErrorFilter } from './administrative-area-error.filter';

/** Governance's read model of the hierarchy, as policies and decisions see it: any valid token may read it. */
@ApiTags('administrative-areas')
@ApiBearerAuth()
@Controller('administrative-areas')
@Access({ action: 'read the administrative hierarchy' })
@UseFilters(AdministrativeAreaErrorFilter)
export class AdministrativeAreasController {
  constructor(private readonly read: ReadAdministrativeAreasHandler) {}

  @Get(':code')
  @ApiOperation({
    summary: 'A district, street or community as governance last heard of it (the highest revision published)',
  })
  @ApiParam({ name: 'code', example: '310104-005', schema: { type: 'string', pattern: AREA_CODE.source } })
  @ApiOkResponse({ description: 'code, level, parentCode, name, population, revision, sourceEventId, updatedAt' })
  @ApiBadRequestResponse({ description: 'Not a district, street or community code' })
  @ApiNotFoundResponse({ description: 'The community service has published no such area' })
  async find(@Param('code') code: string) {
    const area = await this.read.find(code);
    return { ...area, updatedAt: area.updatedAt.toISOString() };
  }
}
