#!/bin/sh
# GENERATED from infra/local/kafka/acls.json by infra/local/compose-kafka-setup.ts: do not edit by hand.
# Run by docker-compose's kafka-secure-setup (profile secure) against the broker's internal PLAINTEXT
# listener, reachable only on the compose network. Each user's password is generated once into
# /credentials/<user>.password (a bind mount outside the repository); SCRAM users, topics and ACLs are
# created idempotently, so running it again changes nothing.
# KAFKA_BOOTSTRAP, KAFKA_BIN and CREDENTIALS_DIR override the container's paths (to try it on another broker).
set -eu
BOOTSTRAP=${KAFKA_BOOTSTRAP:-kafka-secure:9094}
BIN=${KAFKA_BIN:-/opt/kafka/bin}
CREDENTIALS=${CREDENTIALS_DIR:-/credentials}
user() {
  file="$CREDENTIALS/$1.password"
  [ -s "$file" ] || (umask 077 && head -c 18 /dev/urandom | base64 | tr "+/" "-_" > "$file")
  "$BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[password=$(cat "$file")]"
}
topic() {
  "$BIN/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" \
    --partitions 3 --config message.timestamp.type=LogAppendTime
}
acl() {
  "$BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --add "$@" > /dev/null
}
user 'admin'
user 'community'
user 'organization'
user 'talent'
user 'funding'
user 'governance'
user 'public-web'
user 'portal-street-xinhua'
user 'portal-xuhui-civil-affairs'
user 'tools'
topic 'sanshe.community.events'
topic 'test.sanshe.community.events'
topic 'sanshe.organization.events'
topic 'test.sanshe.organization.events'
topic 'sanshe.talent.events'
topic 'test.sanshe.talent.events'
topic 'sanshe.funding.events'
topic 'sanshe.portal.street-xinhua.replies'
topic 'sanshe.portal.xuhui-civil-affairs.replies'
topic 'test.sanshe.funding.events'
topic 'test.sanshe.portal.street-xinhua.replies'
topic 'test.sanshe.portal.xuhui-civil-affairs.replies'
topic 'sanshe.governance.events'
topic 'test.sanshe.governance.events'
topic 'sanshe.portal.street-xinhua.commands'
topic 'test.sanshe.portal.street-xinhua.commands'
topic 'sanshe.portal.xuhui-civil-affairs.commands'
topic 'test.sanshe.portal.xuhui-civil-affairs.commands'
acl --allow-principal 'User:community' --operation IdempotentWrite --cluster
acl --allow-principal 'User:community' --operation Write --topic 'sanshe.community.events' --topic 'test.sanshe.community.events'
acl --allow-principal 'User:community' --operation Write --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.dlq.sanshe-community' --topic 'test.sanshe.dlq.sanshe-community' --resource-pattern-type prefixed
acl --allow-principal 'User:community' --operation Read --operation DescribeConfigs --topic 'sanshe.governance.events' --topic 'sanshe.organization.events' --topic 'sanshe.funding.events' --topic 'sanshe.talent.events' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.organization.events' --topic 'test.sanshe.funding.events' --topic 'test.sanshe.talent.events'
acl --allow-principal 'User:community' --operation Read --group 'sanshe-community' --resource-pattern-type prefixed
acl --allow-principal 'User:organization' --operation IdempotentWrite --cluster
acl --allow-principal 'User:organization' --operation Write --topic 'sanshe.organization.events' --topic 'test.sanshe.organization.events'
acl --allow-principal 'User:organization' --operation Write --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.dlq.sanshe-organization' --topic 'test.sanshe.dlq.sanshe-organization' --resource-pattern-type prefixed
acl --allow-principal 'User:organization' --operation Read --operation DescribeConfigs --topic 'sanshe.governance.events' --topic 'sanshe.community.events' --topic 'sanshe.talent.events' --topic 'sanshe.funding.events' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.community.events' --topic 'test.sanshe.talent.events' --topic 'test.sanshe.funding.events'
acl --allow-principal 'User:organization' --operation Read --group 'sanshe-organization' --resource-pattern-type prefixed
acl --allow-principal 'User:talent' --operation IdempotentWrite --cluster
acl --allow-principal 'User:talent' --operation Write --topic 'sanshe.talent.events' --topic 'test.sanshe.talent.events'
acl --allow-principal 'User:talent' --operation Write --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.dlq.sanshe-talent' --topic 'test.sanshe.dlq.sanshe-talent' --resource-pattern-type prefixed
acl --allow-principal 'User:talent' --operation Read --operation DescribeConfigs --topic 'sanshe.governance.events' --topic 'sanshe.organization.events' --topic 'sanshe.community.events' --topic 'sanshe.funding.events' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.organization.events' --topic 'test.sanshe.community.events' --topic 'test.sanshe.funding.events'
acl --allow-principal 'User:talent' --operation Read --group 'sanshe-talent' --resource-pattern-type prefixed
acl --allow-principal 'User:funding' --operation IdempotentWrite --cluster
acl --allow-principal 'User:funding' --operation Write --topic 'sanshe.funding.events' --topic 'sanshe.portal.street-xinhua.replies' --topic 'sanshe.portal.xuhui-civil-affairs.replies' --topic 'test.sanshe.funding.events' --topic 'test.sanshe.portal.street-xinhua.replies' --topic 'test.sanshe.portal.xuhui-civil-affairs.replies'
acl --allow-principal 'User:funding' --operation Write --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.dlq.sanshe-funding' --topic 'test.sanshe.dlq.sanshe-funding' --resource-pattern-type prefixed
acl --allow-principal 'User:funding' --operation Read --operation DescribeConfigs --topic 'sanshe.governance.events' --topic 'sanshe.organization.events' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.organization.events'
acl --allow-principal 'User:funding' --operation Read --operation DescribeConfigs --topic 'sanshe.portal.' --topic 'test.sanshe.portal.' --resource-pattern-type prefixed
acl --allow-principal 'User:funding' --operation Read --group 'sanshe-funding' --resource-pattern-type prefixed
acl --allow-principal 'User:governance' --operation IdempotentWrite --operation Describe --operation Alter --cluster
acl --allow-principal 'User:governance' --operation Write --topic 'sanshe.governance.events' --topic 'sanshe.portal.street-xinhua.replies' --topic 'sanshe.portal.xuhui-civil-affairs.replies' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.portal.street-xinhua.replies' --topic 'test.sanshe.portal.xuhui-civil-affairs.replies'
acl --allow-principal 'User:governance' --operation Write --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.dlq.sanshe-governance' --topic 'test.sanshe.dlq.sanshe-governance' --resource-pattern-type prefixed
acl --allow-principal 'User:governance' --operation Read --operation DescribeConfigs --topic 'sanshe.organization.events' --topic 'sanshe.community.events' --topic 'sanshe.talent.events' --topic 'sanshe.funding.events' --topic 'test.sanshe.organization.events' --topic 'test.sanshe.community.events' --topic 'test.sanshe.talent.events' --topic 'test.sanshe.funding.events'
acl --allow-principal 'User:governance' --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.portal.' --topic 'test.sanshe.portal.' --resource-pattern-type prefixed
acl --allow-principal 'User:governance' --operation Read --group 'sanshe-governance' --resource-pattern-type prefixed
acl --allow-principal 'User:public-web' --operation IdempotentWrite --cluster
acl --allow-principal 'User:public-web' --operation Write --operation Read --operation DescribeConfigs --operation Create --topic 'sanshe.dlq.sanshe-public-web' --topic 'test.sanshe.dlq.sanshe-public-web' --resource-pattern-type prefixed
acl --allow-principal 'User:public-web' --operation Read --operation DescribeConfigs --topic 'sanshe.community.events' --topic 'sanshe.organization.events' --topic 'sanshe.talent.events' --topic 'sanshe.funding.events' --topic 'sanshe.governance.events' --topic 'test.sanshe.community.events' --topic 'test.sanshe.organization.events' --topic 'test.sanshe.talent.events' --topic 'test.sanshe.funding.events' --topic 'test.sanshe.governance.events'
acl --allow-principal 'User:public-web' --operation Read --group 'sanshe-public-web' --resource-pattern-type prefixed
acl --allow-principal 'User:portal-street-xinhua' --operation IdempotentWrite --cluster
acl --allow-principal 'User:portal-street-xinhua' --operation Write --topic 'sanshe.portal.street-xinhua.commands' --topic 'test.sanshe.portal.street-xinhua.commands'
acl --allow-principal 'User:portal-street-xinhua' --operation Read --operation DescribeConfigs --topic 'sanshe.community.events' --topic 'sanshe.organization.events' --topic 'sanshe.talent.events' --topic 'sanshe.funding.events' --topic 'sanshe.governance.events' --topic 'sanshe.portal.street-xinhua.replies' --topic 'test.sanshe.community.events' --topic 'test.sanshe.organization.events' --topic 'test.sanshe.talent.events' --topic 'test.sanshe.funding.events' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.portal.street-xinhua.replies'
acl --allow-principal 'User:portal-street-xinhua' --operation Read --group 'portal-street-xinhua' --resource-pattern-type prefixed
acl --allow-principal 'User:portal-xuhui-civil-affairs' --operation IdempotentWrite --cluster
acl --allow-principal 'User:portal-xuhui-civil-affairs' --operation Write --topic 'sanshe.portal.xuhui-civil-affairs.commands' --topic 'test.sanshe.portal.xuhui-civil-affairs.commands'
acl --allow-principal 'User:portal-xuhui-civil-affairs' --operation Read --operation DescribeConfigs --topic 'sanshe.community.events' --topic 'sanshe.organization.events' --topic 'sanshe.talent.events' --topic 'sanshe.funding.events' --topic 'sanshe.governance.events' --topic 'sanshe.portal.xuhui-civil-affairs.replies' --topic 'test.sanshe.community.events' --topic 'test.sanshe.organization.events' --topic 'test.sanshe.talent.events' --topic 'test.sanshe.funding.events' --topic 'test.sanshe.governance.events' --topic 'test.sanshe.portal.xuhui-civil-affairs.replies'
acl --allow-principal 'User:portal-xuhui-civil-affairs' --operation Read --group 'portal-xuhui-civil-affairs' --resource-pattern-type prefixed
acl --allow-principal 'User:tools' --operation IdempotentWrite --cluster
acl --allow-principal 'User:tools' --operation Write --operation Read --operation DescribeConfigs --topic 'sanshe.' --topic 'test.sanshe.' --resource-pattern-type prefixed
acl --allow-principal 'User:tools' --operation Read --group 'sanshe-tool' --resource-pattern-type prefixed
echo 'kafka-secure: users, topics and ACLs provisioned'
