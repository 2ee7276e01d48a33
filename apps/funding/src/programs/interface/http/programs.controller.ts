import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { ApiPathParams, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { LedgerErrorFilter } from '../../../ledger';
import { PutProgramHandler } from '../../application/put-program';
import { ReadProgramsHandler } from '../../application/read-programs';
import type { ProgramBody as Body_ } from '../../domain/program';
import { ProgramErrorFilter } from './program-error.filter';
import { checked, ProgramBody, ProgramIdParam, ProgramQuery, ProgramView } from './program-schemas';
import { programView } from './program-view';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const VIEW = { schema: schema(ProgramView) };
const notFound = { description: 'No such program, or not one the caller may read' };
const NOT_FUNDER_ADMIN = { description: "Not a funder-admin of the program's funder" };

interface Reply {
  status(code: number): unknown;
}

/**
 * Funding programs (资助项目): a funder-admin of the program's funder opens and changes them (the budget
 * posted on the ledger in the same transaction) and closes them; each change publishes one
 * program.opened/updated, an unchanged PUT none (200).
 */
@ApiTags('programs')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller('programs')
@Access({ action: 'use programs' })
@UseFilters(ProgramErrorFilter, LedgerErrorFilter)
export class ProgramsController {
  constructor(
    private readonly putProgram: PutProgramHandler,
    private readonly readPrograms: ReadProgramsHandler,
  ) {}

  @Put(':programId')
  @ApiPathParams(ProgramIdParam)
  @ApiOperation({
    summary: 'Open (201) or change (200) a program; a funder-admin of its funder',
    description:
      'Tranche percents sum to 100, trancheNo 1…n in order; the category fits the mode; the budget (> 0 fen) is ' +
      'funded on the ledger, a change posts the difference (a cut below what is reserved: 409 insufficient-funds).',
  })
  @ApiBody({ schema: schema(ProgramBody) })
  @ApiCreatedResponse(VIEW)
  @ApiOkResponse({ description: 'Changed, or unchanged (no event)', ...VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(NOT_FUNDER_ADMIN)
  @ApiConflictResponse({ description: 'The program is closed, or a budget cut below what is reserved' })
  async put(
    @Param('programId') programId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: Reply,
  ) {
    checked(ProgramIdParam, { programId }, '/params');
    const command = checked(ProgramBody, body) as Body_;
    const { program, created } = await this.putProgram.execute(programId, command, identity);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return programView(program, 'full');
  }

  @Post(':programId/close')
  @ApiPathParams(ProgramIdParam)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Close a program (no new applications); a funder-admin of its funder' })
  @ApiOkResponse(VIEW)
  @ApiForbiddenResponse(NOT_FUNDER_ADMIN)
  @ApiNotFoundResponse(notFound)
  async close(@Param('programId') programId: string, @CurrentIdentity() identity: Identity) {
    return programView(await this.putProgram.close(programId, identity), 'full');
  }

  @Get()
  @ApiOperation({
    summary: "Programs: a funder's own whole, every one to an auditor, open ones' public facts to organizations",
  })
  @ApiOkResponse({ schema: { type: 'array', items: schema(ProgramView) } })
  @ApiBadRequestResponse(invalid)
  async list(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    const filter = checked(ProgramQuery, query, '/query');
    return (await this.readPrograms.list(filter, identity)).map(({ program, read }) => programView(program, read));
  }

  @Get(':programId')
  @ApiPathParams(ProgramIdParam)
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse(notFound)
  async one(@Param('programId') programId: string, @CurrentIdentity() identity: Identity) {
    const { program, read } = await this.readPrograms.one(programId, identity);
    return programView(program, read);
  }
}
