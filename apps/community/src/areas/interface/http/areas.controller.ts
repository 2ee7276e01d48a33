import { Body, Controller, Get, HttpStatus, Param, Put, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, AccessDenied, CurrentIdentity, type Identity } from '@sanshe/auth';
import { DistrictCode, StreetCode, StrictCommunityCode } from '@sanshe/contracts';
import { openApiSchema } from '@sanshe/nest-platform';
import { areaAdminRefusal, jurisdictionsOf } from '../../../access/community-access';
import { AREA_BODY, PutAreaHandler } from '../../application/put-area';
import { type AreaLevel, codeFieldOf, codeProblem } from '../../domain/administrative-area';
import { AreaInputInvalid, AreaNotFound } from '../../domain/area-errors';
import { AreaRepository, type StoredArea } from '../../domain/area.repository';
import { AreaErrorFilter } from './area-error.filter';

/** Each level's body as PutAreaHandler checks it. */
const bodyDoc = (level: AreaLevel) => ({ schema: openApiSchema(AREA_BODY[level]) });

/** Each level's code as its check (codeProblem) enforces it, for the path and query parameters. */
const CODE_PARAM = {
  district: { schema: openApiSchema(DistrictCode), example: '310104' },
  street: { schema: openApiSchema(StreetCode), example: '310104-005' },
  community: { schema: openApiSchema(StrictCommunityCode), example: '310104-005-001' },
};

/** A unit as the API shows it. */
const view = ({ updatedAt, ...area }: StoredArea) => ({ ...area, updatedAt: updatedAt.toISOString() });

/** 400 naming `/params/<level>Code` (or `/query/<level>Code`) when the code is not of that level. */
function checkedCode(level: AreaLevel, code: string, where: 'params' | 'query' = 'params'): string {
  const problem = codeProblem(level, code);
  if (problem) throw new AreaInputInvalid([{ path: `/${where}/${codeFieldOf(level)}`, message: problem }]);
  return code;
}

/**
 * The administrative hierarchy: districts (registered by an operator or the district's area-admin),
 * streets (by the district's area-admin), communities (by their street's or district's). Anyone with a
 * token reads it. Each change publishes one event; an unchanged PUT publishes none (200).
 */
@ApiTags('areas')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@ApiBadRequestResponse({ description: 'A malformed code or body; `problems` names each field' })
@Controller()
@Access({ action: 'use the administrative hierarchy' })
@UseFilters(AreaErrorFilter)
export class AreasController {
  constructor(
    private readonly putArea: PutAreaHandler,
    private readonly areas: AreaRepository,
  ) {}

  @Put('districts/:districtCode')
  @ApiOperation({ summary: 'Register (201) or change (200) a district; operator or its area-admin' })
  @ApiBody(bodyDoc('district'))
  @ApiParam({ name: 'districtCode', ...CODE_PARAM.district })
  @ApiCreatedResponse({ description: 'Registered' })
  @ApiOkResponse({ description: 'Changed, or unchanged (no event)' })
  @ApiForbiddenResponse({ description: 'Not an operator or an area-admin of jurisdiction:<districtCode>' })
  putDistrict(
    @Param('districtCode') code: string,
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return this.put('district', code, body, who, res);
  }

  @Put('streets/:streetCode')
  @ApiOperation({ summary: 'Register (201) or change (200) a street; area-admin of its district' })
  @ApiBody(bodyDoc('street'))
  @ApiParam({ name: 'streetCode', ...CODE_PARAM.street })
  @ApiForbiddenResponse({ description: 'Not an area-admin of jurisdiction:<districtCode>' })
  @ApiNotFoundResponse({ description: 'Its district is not registered' })
  putStreet(
    @Param('streetCode') code: string,
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return this.put('street', code, body, who, res);
  }

  @Put('communities/:communityCode')
  @ApiOperation({ summary: 'Register (201) or change (200) a community; area-admin of its street or district' })
  @ApiBody(bodyDoc('community'))
  @ApiParam({ name: 'communityCode', ...CODE_PARAM.community })
  @ApiForbiddenResponse({ description: 'Not an area-admin of its street or district' })
  @ApiNotFoundResponse({ description: 'Its street is not registered' })
  putCommunity(
    @Param('communityCode') code: string,
    @Body() body: unknown,
    @CurrentIdentity() who: Identity,
    @Res({ passthrough: true }) res: Reply,
  ) {
    return this.put('community', code, body, who, res);
  }

  @Get('districts')
  @ApiOperation({ summary: 'Every district' })
  async districts() {
    return (await this.areas.list('district')).map(view);
  }

  @Get('districts/:districtCode')
  @ApiParam({ name: 'districtCode', ...CODE_PARAM.district })
  @ApiNotFoundResponse({ description: 'No such district' })
  district(@Param('districtCode') code: string) {
    return this.one('district', code);
  }

  @Get('streets')
  @ApiOperation({ summary: 'Every street, or those of one district' })
  @ApiQuery({ name: 'districtCode', required: false, ...CODE_PARAM.district })
  async streets(@Query('districtCode') districtCode?: string) {
    const parent = districtCode === undefined ? undefined : checkedCode('district', districtCode, 'query');
    return (await this.areas.list('street', parent)).map(view);
  }

  @Get('streets/:streetCode')
  @ApiParam({ name: 'streetCode', ...CODE_PARAM.street })
  @ApiNotFoundResponse({ description: 'No such street' })
  street(@Param('streetCode') code: string) {
    return this.one('street', code);
  }

  @Get('communities')
  @ApiOperation({ summary: 'Every community, or those of one street' })
  @ApiQuery({ name: 'streetCode', required: false, ...CODE_PARAM.street })
  async communities(@Query('streetCode') streetCode?: string) {
    const parent = streetCode === undefined ? undefined : checkedCode('street', streetCode, 'query');
    return (await this.areas.list('community', parent)).map(view);
  }

  @Get('communities/:communityCode')
  @ApiParam({ name: 'communityCode', ...CODE_PARAM.community })
  @ApiNotFoundResponse({ description: 'No such community' })
  community(@Param('communityCode') code: string) {
    return this.one('community', code);
  }

  private async one(level: AreaLevel, code: string) {
    const area = await this.areas.find(checkedCode(level, code));
    if (!area || area.level !== level) throw new AreaNotFound(code, level);
    return view(area);
  }

  /** Code format (400), then who may (403), then the body (400) and the parent (404), then the write. */
  private async put(level: AreaLevel, code: string, body: unknown, who: Identity, res: Reply) {
    checkedCode(level, code);
    // A district is administered by itself (or an operator); a street or community by the units above it.
    const jurisdictions = level === 'district' ? jurisdictionsOf(code) : jurisdictionsOf(code).slice(1);
    const refusal = areaAdminRefusal(who, jurisdictions, `register ${level} ${code}`, level === 'district');
    if (refusal) throw new AccessDenied(refusal);
    const { area, created } = await this.putArea.execute({ level, code, body });
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return view(area);
  }
}

interface Reply {
  status(code: number): unknown;
}
