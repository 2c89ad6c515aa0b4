import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { JobDefinition, JobHandlerOf, JobPayload } from './job-definition.js';

export const JobHandlerMarker = DiscoveryService.createDecorator<JobDefinition<JobPayload>>();

/**
 * Makes a provider the handler of `job`. Feature libraries list the class in their module's
 * providers; the worker finds it wherever it is, so feature code never registers with the worker.
 */
export function JobHandler<T extends JobPayload>(job: JobDefinition<T>) {
  return (target: Type<JobHandlerOf<T>>) => {
    Injectable()(target);
    JobHandlerMarker(job)(target);
  };
}
