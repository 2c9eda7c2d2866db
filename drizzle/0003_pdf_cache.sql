CREATE TABLE "pdf_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"final" boolean NOT NULL,
	"fingerprint" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pdf_cache" ADD CONSTRAINT "pdf_cache_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pdf_cache_report_idx" ON "pdf_cache" USING btree ("report_id","version");--> statement-breakpoint
CREATE INDEX "pdf_cache_used_idx" ON "pdf_cache" USING btree ("used_at");