/* variete-request.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "variete-enums.h"

G_BEGIN_DECLS

#define VARIETE_REQUEST_ERROR (variete_request_error_quark ())

typedef enum
{
  VARIETE_REQUEST_ERROR_NO_SOURCE,
  VARIETE_REQUEST_ERROR_INVALID_VALUE,
  VARIETE_REQUEST_ERROR_SIZE,
  VARIETE_REQUEST_ERROR_WEBHOOK,
  VARIETE_REQUEST_ERROR_TOO_MANY_WORDS,  /* reserved: over-long prompts are only warnings */
} VarieteRequestError;

#define VARIETE_TYPE_REQUEST (variete_request_get_type ())

G_DECLARE_FINAL_TYPE (VarieteRequest, variete_request, VARIETE, REQUEST, GObject)

GQuark          variete_request_error_quark            (void);
VarieteRequest *variete_request_new                    (void);
VarieteRequest *variete_request_copy                   (VarieteRequest  *self);
void            variete_request_assign_fields          (VarieteRequest  *self,
                                                        VarieteRequest  *other);
void            variete_request_reset                  (VarieteRequest  *self);
gboolean        variete_request_equal                  (VarieteRequest  *self,
                                                        VarieteRequest  *other);
gboolean        variete_request_validate               (VarieteRequest  *self,
                                                        GError         **error);
gboolean        variete_request_validate_fields        (VarieteRequest  *self,
                                                        GError         **error);
gboolean        variete_request_validate_source_url    (const char      *url,
                                                        GError         **error);
gboolean        variete_request_validate_webhook       (const char      *url,
                                                        GError         **error);
gboolean        variete_request_validate_size          (int              width,
                                                        int              height,
                                                        GError         **error);
char           *variete_request_dup_warnings           (VarieteRequest  *self);
JsonNode       *variete_request_to_json                (VarieteRequest  *self);
char           *variete_request_to_json_string         (VarieteRequest  *self);
VarieteRequest *variete_request_new_from_json          (JsonNode        *node,
                                                        GError         **error);

guint           variete_count_words                    (const char      *text);
gsize           variete_words_cut_offset               (const char      *text,
                                                        guint            max_words);

const char     *variete_request_get_source_url         (VarieteRequest  *self);
void            variete_request_set_source_url         (VarieteRequest  *self,
                                                        const char      *source_url);
const char     *variete_request_get_model              (VarieteRequest  *self);
void            variete_request_set_model              (VarieteRequest  *self,
                                                        const char      *model);
int             variete_request_get_batch              (VarieteRequest  *self);
void            variete_request_set_batch              (VarieteRequest  *self,
                                                        int              batch);
const char     *variete_request_get_prompt             (VarieteRequest  *self);
void            variete_request_set_prompt             (VarieteRequest  *self,
                                                        const char      *prompt);
const char     *variete_request_get_negative_prompt    (VarieteRequest  *self);
void            variete_request_set_negative_prompt    (VarieteRequest  *self,
                                                        const char      *negative_prompt);
const char     *variete_request_get_style              (VarieteRequest  *self);
void            variete_request_set_style              (VarieteRequest  *self,
                                                        const char      *style);
const char     *variete_request_get_processing_mode    (VarieteRequest  *self);
void            variete_request_set_processing_mode    (VarieteRequest  *self,
                                                        const char      *processing_mode);
const char     *variete_request_get_prompt_mode        (VarieteRequest  *self);
void            variete_request_set_prompt_mode        (VarieteRequest  *self,
                                                        const char      *prompt_mode);
int             variete_request_get_creativity         (VarieteRequest  *self);
void            variete_request_set_creativity         (VarieteRequest  *self,
                                                        int              creativity);
int             variete_request_get_details            (VarieteRequest  *self);
void            variete_request_set_details            (VarieteRequest  *self,
                                                        int              details);
int             variete_request_get_denoising          (VarieteRequest  *self);
void            variete_request_set_denoising          (VarieteRequest  *self,
                                                        int              denoising);
gboolean        variete_request_get_uses_denoising     (VarieteRequest  *self);
const char     *variete_request_get_size_mode          (VarieteRequest  *self);
void            variete_request_set_size_mode          (VarieteRequest  *self,
                                                        const char      *size_mode);
const char     *variete_request_get_aspect_ratio       (VarieteRequest  *self);
void            variete_request_set_aspect_ratio       (VarieteRequest  *self,
                                                        const char      *aspect_ratio);
int             variete_request_get_width              (VarieteRequest  *self);
void            variete_request_set_width              (VarieteRequest  *self,
                                                        int              width);
int             variete_request_get_height             (VarieteRequest  *self);
void            variete_request_set_height             (VarieteRequest  *self,
                                                        int              height);
gboolean        variete_request_get_nsfw               (VarieteRequest  *self);
void            variete_request_set_nsfw               (VarieteRequest  *self,
                                                        gboolean         nsfw);
gboolean        variete_request_get_transparent_background (VarieteRequest *self);
void            variete_request_set_transparent_background (VarieteRequest *self,
                                                            gboolean        transparent_background);
const char     *variete_request_get_color_tone         (VarieteRequest  *self);
void            variete_request_set_color_tone         (VarieteRequest  *self,
                                                        const char      *color_tone);
const char     *variete_request_get_webhook            (VarieteRequest  *self);
void            variete_request_set_webhook            (VarieteRequest  *self,
                                                        const char      *webhook);

G_END_DECLS
