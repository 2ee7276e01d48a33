-- Run once by the postgres image on an empty data volume, as POSTGRES_USER in POSTGRES_DB.
-- Same result as infra/local/postgres.ts provision(): one schema per service, owned by sanshe.
-- infra/docker-compose.spec.ts checks this list against SERVICE_NAMES in libs/config.
CREATE SCHEMA IF NOT EXISTS community AUTHORIZATION sanshe;
CREATE SCHEMA IF NOT EXISTS organization AUTHORIZATION sanshe;
CREATE SCHEMA IF NOT EXISTS talent AUTHORIZATION sanshe;
CREATE SCHEMA IF NOT EXISTS funding AUTHORIZATION sanshe;
CREATE SCHEMA IF NOT EXISTS governance AUTHORIZATION sanshe;
CREATE SCHEMA IF NOT EXISTS public_web AUTHORIZATION sanshe;
