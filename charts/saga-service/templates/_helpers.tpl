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
{{- $base := dict
  "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (int .Values.shutdown.drainSeconds))))
  "server" (dict "shutdown" "graceful")
  "management" (dict "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
}}
{{- toYaml (mustMergeOverwrite $base (deepCopy .Values.config)) }}
{{- end }}
