{{/*
Service name. In the umbrella chart .Chart.Name is the dependency alias (order-fn, customer-fn, ...),
so one chart yields one name per service without per-service templates.
*/}}
{{- define "saga-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "saga-service.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "saga-service.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
helm.sh/chart names the generic chart itself: under an alias .Chart.Name is the service, not the chart.
*/}}
{{- define "saga-service.chart" -}}
{{- printf "saga-service-%s" .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "saga-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "saga-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "saga-service.labels" -}}
helm.sh/chart: {{ include "saga-service.chart" . }}
{{ include "saga-service.selectorLabels" . }}
app.kubernetes.io/version: {{ include "saga-service.versionLabel" . | quote }}
app.kubernetes.io/component: service
app.kubernetes.io/part-of: {{ .Values.global.partOf | default "order-saga" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The image tag as a label value: no digest, only label-safe characters. */}}
{{- define "saga-service.versionLabel" -}}
{{- $tag := include "saga-service.imageTag" . | splitList "@" | first }}
{{- if .Values.image.reference }}
{{- $nameAndTag := .Values.image.reference | splitList "@" | first | splitList "/" | last | splitList ":" }}
{{- $tag = ternary (last $nameAndTag) .Chart.AppVersion (eq (len $nameAndTag) 2) }}
{{- end }}
{{- regexReplaceAll "[^-A-Za-z0-9_.]" $tag "_" | trunc 63 | trimAll "-_." }}
{{- end }}

{{- define "saga-service.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "saga-service.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "saga-service.imageTag" -}}
{{- .Values.image.tag | default .Values.global.imageTag | default .Chart.AppVersion }}
{{- end }}

{{/*
Image reference. Jib names images <registry>/<artifactId>:<project version>; the service name is the artifactId.
*/}}
{{- define "saga-service.image" -}}
{{- if .Values.image.reference }}
{{- .Values.image.reference }}
{{- else }}
{{- $repository := .Values.image.repository }}
{{- if not $repository }}
{{- $registry := .Values.global.imageRegistry | default .Values.image.registry }}
{{- $repository = printf "%s/%s" $registry (include "saga-service.name" .) }}
{{- end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repository (include "saga-service.imageTag" .) }}
{{- end }}
{{- end }}
{{- end }}

{{- define "saga-service.kafkaGroup" -}}
{{- .Values.kafkaConsumer.group | default (include "saga-service.name" .) }}
{{- end }}

{{/*
The Secret with this service's own Kafka credentials (global.kafka.users.perService): kafkaUser.secretName, else the
full name, which is the name of the service's Strimzi KafkaUser and so of the Secret its User Operator writes.
*/}}
{{- define "saga-service.kafkaUserSecret" -}}
{{- .Values.kafkaUser.secretName | default (include "saga-service.fullname" .) }}
{{- end }}

{{/* Per-service Kafka users with mutual TLS: the service's key store comes from its Secret. */}}
{{- define "saga-service.kafkaMtls" -}}
{{- $users := .Values.global.kafka.users | default dict }}
{{- if and $users.perService (eq ($users.authentication | default "scram-sha-512") "tls") }}true{{ end }}
{{- end }}

{{- define "saga-service.saslEnabled" -}}
{{- if hasPrefix "SASL_" .Values.global.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{/* KEDA and a CPU HPA would fight over the replica count: KEDA wins and the CPU HPA is not rendered. */}}
{{- define "saga-service.hpaEnabled" -}}
{{- if and .Values.autoscaling.enabled (not .Values.keda.enabled) }}true{{ end }}
{{- end }}

{{- define "saga-service.autoscaled" -}}
{{- if or .Values.keda.enabled .Values.autoscaling.enabled }}true{{ end }}
{{- end }}

{{/*
Non-secret Spring properties, mounted as /config/application.yaml. The chart owns only what its probes and
termination grace period depend on; everything else stays with the service's own application.yml unless
`config` overrides it. The pod template carries the checksum of this file so that a change rolls the pods.
*/}}
{{- define "saga-service.applicationYaml" -}}
{{- $spring := dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.shutdown.drainSeconds))) }}
{{- if .Values.integrations.smtp }}
{{- $tls := .Values.global.smtp.tls }}
{{- if eq $tls "starttls" }}
{{- /* plain connection upgraded by STARTTLS (port 587); required: never fall back to plain text */}}
{{- $_ := set $spring "mail" (dict "properties" (dict "mail.smtp.starttls.enable" "true" "mail.smtp.starttls.required" "true" "mail.smtp.ssl.checkserveridentity" "true")) }}
{{- else if eq $tls "smtps" }}
{{- /* TLS from the first byte (port 465) */}}
{{- $_ := set $spring "mail" (dict "ssl" (dict "enabled" true) "properties" (dict "mail.smtp.ssl.checkserveridentity" "true")) }}
{{- end }}
{{- end }}
{{- if .Values.global.mongodb.caCertSecret.name }}
{{- /* the CA Secret is mounted at /etc/mongodb-ca; the driver trusts it through an SSL bundle */}}
{{- $_ := set $spring "mongodb" (dict "ssl" (dict "enabled" true "bundle" "mongodb-ca")) }}
{{- $_ := set $spring "ssl" (dict "bundle" (dict "pem" (dict "mongodb-ca" (dict "truststore" (dict "certificate" "file:/etc/mongodb-ca/ca.crt"))))) }}
{{- end }}
{{- $base := dict
  "spring" $spring
  "server" (dict "shutdown" "graceful")
  "management" (dict "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
}}
{{- toYaml (mustMergeOverwrite $base (deepCopy .Values.config)) }}
{{- end }}

{{/*
Whole seconds of a Spring Duration value: a number (milliseconds), 500ms, 30s, 10m, 2h, 1d, or ISO-8601
(PT1H30M, P1DT2H). Fractions are dropped. Fails on anything else.
*/}}
{{- define "saga-service.durationSeconds" -}}
{{- $value := toString . }}
{{- $iso := "^P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?)?$" }}
{{- if regexMatch "^[0-9]+$" $value }}
{{- div (int64 $value) 1000 }}
{{- else if regexMatch "^[0-9]+(ns|us|ms|s|m|h|d)$" $value }}
{{- $amount := regexFind "^[0-9]+" $value | int64 }}
{{- $unit := regexReplaceAll "^[0-9]+" $value "" }}
{{- $perUnit := dict "ns" 0 "us" 0 "ms" 0 "s" 1 "m" 60 "h" 3600 "d" 86400 }}
{{- if eq $unit "ms" }}{{ div $amount 1000 }}{{ else }}{{ mul $amount (index $perUnit $unit) }}{{ end }}
{{- else if and (regexMatch $iso $value) (ne $value "P") (ne $value "PT") }}
{{- $days := regexReplaceAll $iso $value "${1}" | int64 }}
{{- $hours := regexReplaceAll $iso $value "${2}" | int64 }}
{{- $minutes := regexReplaceAll $iso $value "${3}" | int64 }}
{{- $seconds := regexReplaceAll $iso $value "${4}" | int64 }}
{{- add (mul $days 86400) (mul $hours 3600) (mul $minutes 60) $seconds }}
{{- else }}
{{- fail (printf "%q is not a duration this chart understands (500ms, 30s, 10m, 2h, 1d, PT1H30M)" $value) }}
{{- end }}
{{- end }}

{{/*
audit-fn's grace (saga.audit.grace): a terminal state later than payBy + grace is a missed deadline to the
audit. order-fn cancels an open order only after payBy + its deadline grace (+ its check interval), so the
audit's grace must be longer: global.saga.auditGrace, or else order-fn's grace plus one minute.
*/}}
{{- define "saga-service.auditGrace" -}}
{{- $saga := .Values.global.saga }}
{{- $orderGrace := include "saga-service.durationSeconds" $saga.deadlineGrace | int64 }}
{{- if $saga.auditGrace }}
{{- $auditGrace := include "saga-service.durationSeconds" $saga.auditGrace | int64 }}
{{- if le $auditGrace $orderGrace }}
{{- fail (printf "global.saga.auditGrace (%s) must be longer than global.saga.deadlineGrace (%s): order-fn cancels an overdue order only after its grace, and audit-fn would report every such cancellation as a missed deadline" $saga.auditGrace $saga.deadlineGrace) }}
{{- end }}
{{- $saga.auditGrace }}
{{- else }}
{{- printf "%ds" (add $orderGrace 60) }}
{{- end }}
{{- end }}
