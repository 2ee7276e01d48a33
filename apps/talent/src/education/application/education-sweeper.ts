import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { errorMessage } from '@sanshe/common';
import type { NewEvent } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { TalentConfig } from '../../config/talent-config';
import { TALENT_CONFIG } from '../../config/talent-config.tokens';
import { todayInShanghai } from '../../workers/application/worker-access';
import { EducationRepository } from '../domain/education.repository';
import {
  expiringCertificates,
  expiringNoticeKey,
  shortfallNoticeKey,
  warnsShortfall,
  yearRequirement,
} from '../domain/requirement';

type NoticeType = 'sanshe.talent.education.shortfall-detected.v1' | 'sanshe.talent.certificate.expiring.v1';
type Notice = Omit<NewEvent<NoticeType>, 'source'>;

/**
 * Every TALENT_SWEEP_INTERVAL_MS, warns in time to act: a certified worker short of the year's hours
 * (from TALENT_EDUCATION_WARN_FROM) and a certificate expiring within TALENT_CERTIFICATE_WARN_DAYS. Each
 * warning goes once: its key is claimed in talent_notice in the transaction that publishes it.
 */
@Injectable()
export class EducationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EducationSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly education: EducationRepository,
    private readonly outbox: OutboxWriter,
    @Inject(TALENT_CONFIG) private readonly config: TalentConfig,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweepNow(todayInShanghai()).catch((error: unknown) =>
        this.logger.warn(`education sweep failed, retried next interval: ${errorMessage(error)}`),
      );
    }, this.config.TALENT_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One sweep as of `today` (YYYY-MM-DD); returns how many warnings it published. */
  async sweepNow(today: string): Promise<number> {
    const notices = [...(await this.shortfalls(today)), ...(await this.expiring(today))];
    let published = 0;
    for (const { key, event } of notices) {
      const claimed = await this.dataSource.transaction(async (manager) => {
        if (!(await this.education.claimNotice(manager, key, event.subject, event.id ?? key))) return false;
        await this.outbox.publish(manager, event);
        return true;
      });
      if (claimed) published += 1;
    }
    return published;
  }

  private async shortfalls(today: string): Promise<{ key: string; event: Notice }[]> {
    if (!warnsShortfall(today, this.config.TALENT_EDUCATION_WARN_FROM)) return [];
    const year = Number(today.slice(0, 4));
    const type = 'sanshe.talent.education.shortfall-detected.v1';
    return (await this.education.yearHours(year)).flatMap(({ workerId, organizationId, level, completedHours }) => {
      const requirement = yearRequirement(level, completedHours, this.config.TALENT_EDUCATION_HOURS);
      if (requirement.shortfallHours <= 0) return [];
      const key = shortfallNoticeKey(workerId, year);
      const data = { workerId, organizationId, level, year, ...requirement };
      return [{ key, event: { type, subject: workerId, id: `${type}:${workerId}:${year}`, data } }];
    });
  }

  private async expiring(today: string): Promise<{ key: string; event: Notice }[]> {
    const type = 'sanshe.talent.certificate.expiring.v1';
    const certificates = await this.education.certificatesOfActive();
    return expiringCertificates(certificates, today, this.config.TALENT_CERTIFICATE_WARN_DAYS).map(
      ({ certificate: { certificateId, workerId, organizationId, level, expiresOn }, daysLeft }) => ({
        key: expiringNoticeKey(certificateId, expiresOn),
        event: {
          type,
          subject: workerId,
          id: `${type}:${certificateId}:${expiresOn}`,
          data: { workerId, organizationId, certificateId, level, expiresOn, daysLeft },
        },
      }),
    );
  }
}
