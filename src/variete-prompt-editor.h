/* variete-prompt-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VARIETE_TYPE_PROMPT_EDITOR (variete_prompt_editor_get_type ())

G_DECLARE_FINAL_TYPE (VarietePromptEditor, variete_prompt_editor, VARIETE, PROMPT_EDITOR, GtkWidget)

GtkWidget     *variete_prompt_editor_new             (void);
const char    *variete_prompt_editor_get_title       (VarietePromptEditor *self);
void           variete_prompt_editor_set_title       (VarietePromptEditor *self,
                                                      const char          *title);
const char    *variete_prompt_editor_get_placeholder (VarietePromptEditor *self);
void           variete_prompt_editor_set_placeholder (VarietePromptEditor *self,
                                                      const char          *placeholder);
const char    *variete_prompt_editor_get_text        (VarietePromptEditor *self);
void           variete_prompt_editor_set_text        (VarietePromptEditor *self,
                                                      const char          *text);
guint          variete_prompt_editor_get_max_words   (VarietePromptEditor *self);
void           variete_prompt_editor_set_max_words   (VarietePromptEditor *self,
                                                      guint                max_words);
guint          variete_prompt_editor_get_n_words     (VarietePromptEditor *self);
gboolean       variete_prompt_editor_get_over_limit  (VarietePromptEditor *self);
GtkTextBuffer *variete_prompt_editor_get_buffer      (VarietePromptEditor *self);
GtkWidget     *variete_prompt_editor_get_text_view   (VarietePromptEditor *self);

/* The name of the buffer's tag that marks the words the server will cut. */
#define VARIETE_PROMPT_EDITOR_CUT_TAG "cut-words"

G_END_DECLS
