export * from './facilities.module.js';
export * from './facilities.repository.js';
export * from './facilities.service.js';
export * from './facility.dto.js';
export * from './facility.entity.js';
export * from './facility-csv.js';
export * from './facility-import.service.js';
export * from './facility-type.entity.js';
