import { describeServiceHealth } from '@sanshe/testing';
import { AppModule } from '../src/app.module';

describeServiceHealth('talent', AppModule.forRoot, ['postgres', 'kafka']);
