import { type DynamicModule, Module } from '@nestjs/common';
import { type ServiceConfig, ServiceKitModule } from '@sanshe/service-kit';
import { migrations } from '../migrations';

@Module({})
export class AppModule {
  static forRoot(this: void, config: ServiceConfig): DynamicModule {
    return { module: AppModule, imports: [ServiceKitModule.forRoot({ config, migrations })] };
  }
}
