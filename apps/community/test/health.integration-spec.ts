import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('community', AppModule.forRoot, ['postgres', 'kafka']);
