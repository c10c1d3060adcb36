-- Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d), in
-- docker-compose.yml and the k8s dev overlay. Each service owns its database; the gateway owns identity.
-- `erp-manage create-db` does the same idempotently on an existing server.
CREATE DATABASE erp_procurement;
CREATE DATABASE erp_inventory;
CREATE DATABASE erp_sales;
CREATE DATABASE erp_manufacturing;
CREATE DATABASE erp_finance;
CREATE DATABASE erp_hr;
CREATE DATABASE erp_gateway;
