import { type DynamicModule, Module } from '@nestjs/common';
import { QueueInspectionModule } from '@switchyard/queues';
import { TopicInspectionModule } from '@switchyard/topics';
import { RecentExpressModule } from '@switchyard/workflows';
import { ConsoleController } from './console.controller';
import { CONSOLE_OPTIONS, type ConsoleConfig, type ConsoleModuleOptions } from './console.options';
import { locateConsoleFiles } from './console-static';

/**
 * The web console under `/_console/`: its built files, a session tied to the configured
 * credentials, and read-only endpoints beside the AWS APIs. It reads Redis only (CoreModule), so
 * every gateway serves all of it, whichever APIs it serves.
 */
@Module({})
export class ConsoleModule {
  static forRoot(config: ConsoleConfig, options: ConsoleModuleOptions = {}): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        QueueInspectionModule.forRoot(config),
        TopicInspectionModule.forRoot(config),
        RecentExpressModule,
      ],
      providers: [
        {
          provide: CONSOLE_OPTIONS,
          useValue: {
            accountId: config.accountId,
            region: config.region,
            publicUrl: config.publicUrl,
            publicTlsUrl: config.publicTlsUrl,
            credentials: config.credentials,
            staticDir: options.staticDir ?? locateConsoleFiles(),
          },
        },
      ],
      controllers: [ConsoleController],
    };
  }
}
