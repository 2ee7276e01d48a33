import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Access, CurrentIdentity, type Identity } from '@sanshe/auth';
import { SKILLS } from '@sanshe/contracts';
import { ApiPathParams, ApiRuleBrokenResponse, inputInvalidResponse, openApiSchema } from '@sanshe/nest-platform';
import { PutWorkerHandler } from '../../application/put-worker';
import { RecordCertificateHandler } from '../../application/record-certificate';
import type { WorkerBody as Body_ } from '../../domain/worker';
import { WorkerNotFound } from '../../domain/worker-errors';
import { WorkerRepository } from '../../domain/worker.repository';
import { WorkerErrorFilter } from './worker-error.filter';
import {
  CareerView,
  CertificateBody,
  CertificateView,
  checked,
  WorkerBody,
  WorkerIdParam,
  WorkerQuery,
  WorkerView,
} from './worker-schemas';
import { certificateView, workerView } from './worker-view';

const schema = openApiSchema;
const invalid = inputInvalidResponse();
const notFound = { description: 'No such worker' };
const VIEW = { schema: schema(WorkerView) };
const NOT_THEIRS = { description: "Not the worker's organization-admin/-staff nor a talent-admin" };

interface Reply {
  status(code: number): unknown;
}

/**
 * Workers (社工人才): their organization's admin or staff, or the talent office, registers and changes
 * them, their certificates and career path. Anyone with a token reads them; name, phone and school only
 * the worker's organization, the talent office and auditors. Each change publishes one event
 * (worker.registered/updated, without personal fields); an unchanged PUT publishes none (200).
 */
@ApiTags('workers')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No bearer token, or an invalid one' })
@Controller()
@Access({ action: 'read workers' })
@UseFilters(WorkerErrorFilter)
export class WorkersController {
  constructor(
    private readonly putWorker: PutWorkerHandler,
    private readonly recordCertificate: RecordCertificateHandler,
    private readonly workers: WorkerRepository,
  ) {}

  @Get('skills')
  @ApiOperation({ summary: 'The skills a worker may list, with their labels' })
  skills() {
    return SKILLS;
  }

  @Put('workers/:workerId')
  @ApiOperation({
    summary: 'Register (201) or change (200) a worker; its organization-admin/-staff or a talent-admin',
    description:
      'A certified-social-worker needs a level and a certificate in force at it (held, or given in `certificate`). ' +
      'A change of kind is recorded on the career path; an intern kept on as community staff or a certified ' +
      'social worker is marked retainedFromIntern. status left records leftOn (default today).',
  })
  @ApiBody({ schema: schema(WorkerBody) })
  @ApiRuleBrokenResponse(
    'A level, school, internshipEndsOn or leftOn for another kind or status, a slot not ending after it starts or ' +
      'overlapping another, a certificate not expiring after issue, or no certificate in force at the level',
  )
  @ApiCreatedResponse(VIEW)
  @ApiOkResponse({ description: 'Changed, or unchanged (no event)', ...VIEW })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(NOT_THEIRS)
  @ApiPathParams(WorkerIdParam)
  async put(
    @Param('workerId') workerId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
    @Res({ passthrough: true }) res: Reply,
  ) {
    checked(WorkerIdParam, { workerId }, '/params');
    const command = checked(WorkerBody, body) as Body_;
    const { worker, created } = await this.putWorker.execute(workerId, command, identity);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return workerView(worker, identity);
  }

  @Get('workers')
  @ApiOperation({ summary: "An organization's workers, active and left" })
  @ApiOkResponse({ schema: { type: 'array', items: schema(WorkerView) } })
  @ApiBadRequestResponse(invalid)
  @ApiQuery({ name: 'organizationId', required: true, schema: schema(WorkerQuery.properties.organizationId) })
  async list(@Query() query: Record<string, unknown>, @CurrentIdentity() identity: Identity) {
    const { organizationId } = checked(WorkerQuery, query, '/query');
    return (await this.workers.listByOrganization(organizationId)).map((worker) => workerView(worker, identity));
  }

  @Get('workers/:workerId')
  @ApiOkResponse(VIEW)
  @ApiNotFoundResponse(notFound)
  async one(@Param('workerId') workerId: string, @CurrentIdentity() identity: Identity) {
    return workerView(await this.found(workerId), identity);
  }

  @Post('workers/:workerId/certificates')
  @ApiOperation({ summary: 'Record a certificate (renewal, higher level); its organization or a talent-admin' })
  @ApiBody({ schema: schema(CertificateBody) })
  @ApiRuleBrokenResponse('expiresOn not after issuedOn')
  @ApiCreatedResponse({ schema: schema(CertificateView) })
  @ApiBadRequestResponse(invalid)
  @ApiForbiddenResponse(NOT_THEIRS)
  @ApiNotFoundResponse(notFound)
  @ApiPathParams(WorkerIdParam)
  async addCertificate(
    @Param('workerId') workerId: string,
    @Body() body: unknown,
    @CurrentIdentity() identity: Identity,
  ) {
    checked(WorkerIdParam, { workerId }, '/params');
    const certificate = await this.recordCertificate.execute(workerId, checked(CertificateBody, body), identity);
    return certificateView(certificate, await this.found(workerId), identity);
  }

  @Get('workers/:workerId/certificates')
  @ApiOkResponse({ schema: { type: 'array', items: schema(CertificateView) } })
  @ApiNotFoundResponse(notFound)
  async certificates(@Param('workerId') workerId: string, @CurrentIdentity() identity: Identity) {
    const worker = await this.found(workerId);
    return (await this.workers.certificates(workerId)).map((c) => certificateView(c, worker, identity));
  }

  @Get('workers/:workerId/career')
  @ApiOperation({ summary: 'The career path: each change of kind, oldest first' })
  @ApiOkResponse({ schema: { type: 'array', items: schema(CareerView) } })
  @ApiNotFoundResponse(notFound)
  async career(@Param('workerId') workerId: string) {
    await this.found(workerId);
    return (await this.workers.career(workerId)).map((step) => ({ ...step, at: step.at.toISOString() }));
  }

  private async found(workerId: string) {
    const worker = await this.workers.find(workerId);
    if (!worker) throw new WorkerNotFound(workerId);
    return worker;
  }
}
