import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Access } from '@sanshe/auth';
import { openApiSchema } from '@sanshe/nest-platform';
import { schemaProblems, SeatPartyId } from '@sanshe/contracts';
import { ReadControllersHandler } from '../../application/read-controllers';

/** The controller map, read-only: who may speak for which party, and on which channel. */
@ApiTags('controllers')
@ApiBearerAuth()
@Controller('controllers')
@Access({ action: 'read the controller map' })
export class ControllersController {
  constructor(private readonly read: ReadControllersHandler) {}

  @Get()
  @ApiOperation({
    summary: 'Every rule: a party pattern (kind:* or one party id) and the context or portal that speaks for it',
  })
  @ApiOkResponse({
    description:
      'Stored rules (origin seed), registered portals’ (origin portal-registry) and configured ones (origin config)',
  })
  list() {
    return this.read.rules();
  }

  @Get('resolve')
  @ApiOperation({
    summary: 'The controller of one party, and the Kafka topic and CloudEvents source its votes must use',
  })
  @ApiQuery({ name: 'partyId', example: 'residents:310104-005-001', schema: openApiSchema(SeatPartyId) })
  @ApiOkResponse({ description: '`controller` and `channel` are null when nobody may speak for the party' })
  @ApiBadRequestResponse({ description: 'partyId is missing or not kind:id' })
  resolve(@Query('partyId') partyId: unknown) {
    // A seat's party id, as a policy may write it (kind:id or kind:{communityCode}): the contract's schema.
    if (typeof partyId !== 'string' || schemaProblems(SeatPartyId, partyId).length > 0) {
      throw new BadRequestException('partyId must be a party id written kind:id, e.g. community:310104-005-001');
    }
    return this.read.resolve(partyId);
  }
}
