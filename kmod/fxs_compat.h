/* SPDX-License-Identifier: GPL-2.0 */
/*
 * openfxs kernel compatibility: every kernel version test of kmod/ lives
 * here, so that the rest builds unchanged from 6.1 to 6.12.
 *
 * The tests use FXS_KERNEL_AT_LEAST(major, patchlevel): the headers built
 * against are that version or newer (LINUX_VERSION_CODE without the
 * sublevel, which Debian caps at 255). No other file tests versions.
 */
#ifndef _FXS_COMPAT_H
#define _FXS_COMPAT_H

#include <linux/device.h>
#include <linux/module.h>
#include <linux/spi/spi.h>
#include <linux/version.h>

#define FXS_KERNEL_AT_LEAST(major, patchlevel) \
	(KERNEL_VERSION(major, patchlevel, 0) <= \
	 KERNEL_VERSION(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL, 0))

/* class_create() lost its owner argument in 6.4. */
static inline struct class *fxs_compat_class_create(const char *name)
{
#if FXS_KERNEL_AT_LEAST(6, 4)
	return class_create(name);
#else
	return class_create(THIS_MODULE, name);
#endif
}

/*
 * The chip select of a device made with spi_alloc_device(). From 6.8 a
 * device has several (chip_select[], cs_index_mask): the unused ones must
 * read 0xff, as spi_new_device() leaves them, or chip select 0 of the
 * others seems in use.
 */
static inline void fxs_compat_spi_set_cs(struct spi_device *spi, u8 cs)
{
#if FXS_KERNEL_AT_LEAST(6, 8)
	unsigned int i;

	for (i = 0; i < SPI_CS_CNT_MAX; i++)
		spi_set_chipselect(spi, i, 0xff);
	spi->cs_index_mask = BIT(0);
#endif
	spi_set_chipselect(spi, 0, cs);
}

/*
 * driver_override of an SPI device: struct device holds it in the 6.12
 * kernels we build for (Debian's 6.12.y has the generic one), struct
 * spi_device before.
 */
static inline int fxs_compat_spi_driver_override(struct spi_device *spi,
						 const char *driver)
{
#if FXS_KERNEL_AT_LEAST(6, 12)
	return device_set_driver_override(&spi->dev, driver);
#else
	return driver_set_override(&spi->dev, &spi->driver_override, driver,
				   strlen(driver));
#endif
}

#endif /* _FXS_COMPAT_H */
