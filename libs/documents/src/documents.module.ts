import { Module } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { createLogger } from '#libs/core';
import { PdfRenderer } from './pdf-renderer.js';

/** The one PdfRenderer of the process: its Chromium starts on the first render and stops with the app. */
@Module({
  providers: [
    {
      provide: PdfRenderer,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PdfRenderer({
          executablePath: config.CHROMIUM_PATH,
          log: createLogger(config.LOG_LEVEL).child({ context: 'pdf' }),
        }),
    },
  ],
  exports: [PdfRenderer],
})
export class DocumentsModule {}
