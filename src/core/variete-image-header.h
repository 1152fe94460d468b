/* variete-image-header.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads the header of a PNG, JPEG or WebP image in @data: the signature, then the first
 * chunk, frame or segment that gives the size, checked the way a decoder would before it
 * allocates anything. Bytes that merely start like an image (an HTML page, an XML error, a
 * file cut short before its size) are refused.
 *
 * Returns: (nullable): "image/png", "image/jpeg" or "image/webp", with the size in @width and
 *   @height (optional), or %NULL when @data is not such an image */
const char *variete_image_header_read (const guint8 *data,
                                       gsize         size,
                                       guint        *width,
                                       guint        *height);

G_END_DECLS
