/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Silicon Labs Si3210/Si3215 ProSLIC registers, as the datasheets number
 * them: what fxs_si321x.c drives and fxs_si321x_emu.c answers.
 *
 * SPI: each access is a control byte (bit 7 set for a read, bits 6..0 the
 * direct register) and one data byte, in SPI mode 3. Indirect registers
 * (16 bits) go through direct registers 28/29 (data) and 30 (address):
 * writing 30 after 28/29 writes the indirect register, writing 30 alone
 * reads it into 28/29; bit 0 of 31 is set while the access is pending.
 */
#ifndef _FXS_SI321X_REGS_H
#define _FXS_SI321X_REGS_H

#include <linux/bits.h>

#define SI321X_READ		BIT(7)

/* direct registers */
#define SI321X_ID		0	/* bits 5..4 part number, 3..0 revision */
#define SI321X_ID_PART(v)	(((v) >> 4) & 0x3)
#define SI321X_ID_REV(v)	((v) & 0xf)
#define SI321X_PCM_MODE		1	/* bit 7 reads 1 on an Si3215 */
#define SI321X_PCM_MODE_3215	BIT(7)
#define SI321X_PCM_ENABLE	BIT(5)
#define SI321X_PCM_LINEAR16	(3 << 3)
/*
 * 2..5: PCLKs from the frame sync to the first bit of the transmit (DTX,
 * the phone's voice) and receive (DRX, to the phone) sample, 10 bits:
 * 7..0 in the low register, 9..8 in bits 1..0 of the high one
 */
#define SI321X_PCM_TX_START_LO	2
#define SI321X_PCM_TX_START_HI	3
#define SI321X_PCM_RX_START_LO	4
#define SI321X_PCM_RX_START_HI	5
#define SI321X_PCM_START_MAX	1023
#define SI321X_LOOPBACK		8	/* reset value 0x02 */
#define SI321X_LOOPBACK_RESET	0x02
#define SI321X_HYBRID		11	/* reset value 0x33 */
#define SI321X_HYBRID_RESET	0x33
#define SI321X_POWERDOWN	14
#define SI321X_POWERDOWN_DCDC	BIT(4)
#define SI321X_IRQ_STATUS1	18	/* 18..20, write 1 to clear */
#define SI321X_IRQ_STATUS2	19
#define SI321X_IRQ_STATUS3	20
#define SI321X_IRQ_ENABLE1	21	/* 21..23: status register + 3 */
#define SI321X_IRQ_ENABLE2	22
#define SI321X_IRQ_ENABLE3	23
#define SI321X_IRQ2_RING_TRIP	BIT(0)
#define SI321X_IRQ2_LOOP	BIT(1)
#define SI321X_IRQ2_POWER_Q1	BIT(2)	/* Q1..Q6: bits 2..7 */
#define SI321X_IRQ2_POWER	GENMASK(7, 2)
#define SI321X_IRQ3_DTMF	BIT(0)
#define SI321X_DTMF		24	/* Si3210: bit 4 valid, 3..0 the code */
#define SI321X_DTMF_VALID	BIT(4)
#define SI321X_DTMF_CODE(v)	((v) & 0xf)
#define SI321X_IND_DATA_LO	28
#define SI321X_IND_DATA_HI	29
#define SI321X_IND_ADDR		30
#define SI321X_IND_STATUS	31
#define SI321X_IND_BUSY		BIT(0)
#define SI321X_RING_OSC_CTL	34
#define SI321X_LINEFEED		64	/* bits 2..0 set, bits 6..4 actual */
#define SI321X_LF_OPEN		0
#define SI321X_LF_FORWARD	1
#define SI321X_LF_RINGING	4
#define SI321X_LF_REVERSE	5
#define SI321X_LF_MASK		0x7
#define SI321X_LF_ACTUAL(v)	(((v) >> 4) & 0x7)
#define SI321X_BAT_FEED		66
#define SI321X_AUTO		67
#define SI321X_LOOP_STATUS	68
#define SI321X_LOOP_CLOSED	BIT(0)
#define SI321X_LOOP_RING_TRIP	BIT(1)
#define SI321X_LOOP_ILIMIT	71	/* 20 mA + 3 mA per step */
#define SI321X_VBAT_SENSE	82	/* -376 mV per step */
#define SI321X_VBAT_MV_STEP	376
#define SI321X_DCDC_PERIOD	92
#define SI321X_DCDC		93
#define SI321X_DCDC_CAL		BIT(7)	/* set to calibrate, reads 1 until done */
#define SI321X_CAL1		96	/* bit 6 starts, reads 0 when done */
#define SI321X_CAL1_START	BIT(6)
#define SI321X_CAL2		97
#define SI321X_NUM_DIRECT	109

/* indirect registers, Si3210 numbering (fxs_si321x.c maps the Si3215's) */
#define SI321X_IR_DTMF_LAST	12	/* 0..12: the DTMF decoder */
#define SI321X_IR_RING_OFFSET	19
#define SI321X_IR_RING_COEFF	20	/* 2^15 cos(2 pi f / 1000 Hz) */
#define SI321X_IR_RING_AMPL	21	/* see fxs_si321x_ring_regs() */
#define SI321X_IR_RING_PHASE	22
#define SI321X_IR_FILTER_FIRST	35	/* 35..39: flushed while calibrating */
#define SI321X_IR_FILTER_LAST	39
#define SI321X_NUM_INDIRECT	128
#define SI321X_IR_NONE		0xff

#endif /* _FXS_SI321X_REGS_H */
